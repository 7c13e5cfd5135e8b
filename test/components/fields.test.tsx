import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { EmailField, OtpField, PasslinkMessages, PhoneField, es } from '../../src';
import { expectFieldError, expectNoAxeViolations, phoneFieldReady } from './harness';

describe('EmailField', () => {
  it('is a labelled email input with the right autofill hints', async () => {
    const { container } = render(<EmailField />);
    const field = screen.getByRole('textbox', { name: 'Email address' });
    expect(field).toHaveAttribute('type', 'email');
    expect(field).toHaveAttribute('autocomplete', 'email');
    expect(field).toHaveAttribute('inputmode', 'email');
    expect(field).not.toHaveAttribute('aria-invalid');
    expect(field).not.toHaveAttribute('aria-describedby');
    await expectNoAxeViolations(container);
  });

  it('ties its hint and its error to the input; the error is an alert', async () => {
    const { container } = render(<EmailField label="Work email" description="We never share it." error="That is not an email address." id="work" />);
    const field = screen.getByRole('textbox', { name: 'Work email' });
    expect(field).toHaveAttribute('id', 'work');
    expect(field).toHaveAttribute('aria-describedby', 'work-description work-error');
    expect(field).toHaveAccessibleDescription('We never share it. That is not an email address.');
    expect(expectFieldError(field, 'That is not an email address.')).toHaveAttribute('id', 'work-error');
    await expectNoAxeViolations(container);
  });

  it('works controlled, like an input', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<EmailField defaultValue="a@b.c" onChange={(event) => onChange(event.target.value)} />);
    const field = screen.getByRole('textbox', { name: 'Email address' });
    expect(field).toHaveValue('a@b.c');
    await user.type(field, 'o');
    expect(onChange).toHaveBeenLastCalledWith('a@b.co');
  });
});

describe('PhoneField', () => {
  it('formats as you type and gives E.164 out', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    const { container } = render(<PhoneField defaultCountry="US" onValueChange={onValueChange} />);
    await phoneFieldReady();
    const field = screen.getByRole('textbox', { name: 'Phone number' });
    expect(field).toHaveAttribute('type', 'tel');
    expect(field).toHaveAttribute('autocomplete', 'tel');
    await user.type(field, '2025550123');
    expect(field).toHaveValue('(202) 555-0123');
    expect(onValueChange).toHaveBeenLastCalledWith('+12025550123');
    await expectNoAxeViolations(container);
  });

  it('a number typed with +44 selects the United Kingdom', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<PhoneField defaultCountry="US" onValueChange={onValueChange} />);
    await phoneFieldReady();
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '+442079460000');
    expect(onValueChange).toHaveBeenLastCalledWith('+442079460000');
    const country = screen.getByRole('combobox', { name: 'Country or region' });
    expect(within(country).getByRole('option', { selected: true })).toHaveTextContent('United Kingdom +44');
  });

  it('choosing another country re-reads the typed national number', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<PhoneField defaultCountry="US" countries={['US', 'GB']} onValueChange={onValueChange} />);
    const country = screen.getByRole('combobox', { name: 'Country or region' });
    await waitFor(() => expect(within(country).getByRole('option', { name: 'United Kingdom +44' })).toBeInTheDocument());
    expect(within(country).getAllByRole('option').map((option) => option.textContent)).toEqual(['United Kingdom +44', 'United States +1']);
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '07700900123');
    await user.selectOptions(country, 'GB');
    expect(onValueChange).toHaveBeenLastCalledWith('+447700900123');
  });

  it('an error is tied to the number and announced', async () => {
    const { container } = render(<PhoneField defaultCountry="US" error="Enter a valid phone number." />);
    await phoneFieldReady();
    expectFieldError(screen.getByRole('textbox', { name: 'Phone number' }), 'Enter a valid phone number.');
    await expectNoAxeViolations(container);
  });

  it('names countries in the active language', async () => {
    render(
      <PasslinkMessages locale="es" catalog={es}>
        <PhoneField defaultCountry="DE" />
      </PasslinkMessages>,
    );
    await phoneFieldReady('País o región');
    const country = screen.getByRole('combobox', { name: 'País o región' });
    expect(within(country).getByRole('option', { selected: true })).toHaveTextContent('Alemania +49');
    expect(screen.getByRole('textbox', { name: 'Número de teléfono' })).toBeInTheDocument();
  });
});

describe('OtpField', () => {
  it('one input, autocomplete="one-time-code", inputmode="numeric", a hint with the length, slots hidden from AT', async () => {
    const { container } = render(<OtpField />);
    const field = screen.getByRole('textbox', { name: 'Verification code' });
    expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    expect(field).toHaveAttribute('inputmode', 'numeric');
    expect(field).toHaveAccessibleDescription('Enter the 6-digit code.');
    expect(screen.getAllByRole('textbox')).toHaveLength(1);
    await expectNoAxeViolations(container);
  });

  it('an error joins the hint in its description and is announced', async () => {
    const { container } = render(<OtpField length={4} error="That code is not right. Check it and try again." />);
    const field = screen.getByRole('textbox', { name: 'Verification code' });
    expectFieldError(field, 'That code is not right. Check it and try again.');
    expect(field).toHaveAccessibleDescription('Enter the 4-digit code. That code is not right. Check it and try again.');
    await expectNoAxeViolations(container);
  });

  it('controlled: shows the digits of its value, cut to the length', () => {
    render(<OtpField length={4} value="12-345" onValueChange={() => undefined} />);
    expect(screen.getByRole('textbox', { name: 'Verification code' })).toHaveValue('1234');
  });
});
