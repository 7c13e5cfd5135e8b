import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { PhoneField, type PhoneFieldProps } from 'passlink';
import { phoneFieldReady } from './support';
import { dark } from './themes';

/** The field and, under it, the E.164 value it reports (what a form would submit). */
function PhoneFieldWithValue(props: PhoneFieldProps) {
  const [value, setValue] = useState('');
  return (
    <>
      <PhoneField {...props} onValueChange={setValue} />
      <p>
        Reported value: <output data-testid="value">{value}</output>
      </p>
    </>
  );
}

const meta = {
  title: 'Fields/PhoneField',
  component: PhoneField,
  tags: ['autodocs'],
  args: { name: 'phone', defaultCountry: 'US' },
  render: (args) => <PhoneFieldWithValue {...args} />,
} satisfies Meta<typeof PhoneField>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A country selector (names in the active language) and the number, formatted as typed. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByLabelText('Phone number');
    await expect(input).toHaveAttribute('type', 'tel');
    await expect(input).toHaveAttribute('autocomplete', 'tel');
    // The metadata loads on first use; then every country is offered.
    await waitFor(() => expect(canvas.getByRole('combobox', { name: 'Country or region' }).querySelectorAll('option').length).toBeGreaterThan(200));
    await expect(canvas.getByRole('combobox', { name: 'Country or region' })).toHaveValue('US');
  },
};

/** Typed nationally, reported in E.164. */
export const Typed: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await phoneFieldReady(canvasElement);
    const input = canvas.getByLabelText('Phone number');
    await userEvent.type(input, '4155550101');
    await waitFor(() => expect(canvas.getByTestId('value')).toHaveTextContent('+14155550101'));
    await expect(input).toHaveValue('(415) 555-0101');
  },
};

/** A number with its own country code switches the selector. */
export const InternationalNumber: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await phoneFieldReady(canvasElement);
    await userEvent.type(canvas.getByLabelText('Phone number'), '+33612345678');
    await waitFor(() => expect(canvas.getByRole('combobox', { name: 'Country or region' })).toHaveValue('FR'));
    await expect(canvas.getByTestId('value')).toHaveTextContent('+33612345678');
    await expect(canvas.getByLabelText('Phone number')).toHaveValue('+33 6 12 34 56 78');
  },
};

export const LimitedCountries: Story = {
  args: { countries: ['US', 'CA', 'GB', 'DE', 'FR', 'ES'], defaultCountry: 'GB' },
  play: async ({ canvasElement }) => {
    const select = within(canvasElement).getByRole('combobox', { name: 'Country or region' });
    await waitFor(() => expect(select.querySelectorAll('option')).toHaveLength(6));
  },
};

export const WithError: Story = {
  args: { defaultValue: '+1415', error: 'Enter a valid phone number.' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText('Phone number')).toHaveAttribute('aria-invalid', 'true');
    await expect(canvas.getByLabelText('Phone number')).toHaveAccessibleDescription('Enter a valid phone number.');
  },
};

export const Disabled: Story = {
  args: { disabled: true, defaultValue: '+14155550101' },
};

/** Dark, for browsing: the test run renders every story in both themes anyway. */
export const DefaultDark = dark(Default);
