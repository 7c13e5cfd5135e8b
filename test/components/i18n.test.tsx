import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PasswordlessLogin, UpdateEmail, VerifyMagicLink, es, type Catalog } from '../../src';
import { ADA, MASKED, expectNoAxeViolations, findStatus, phoneFieldReady, setup, wrongCode } from './harness';

const spanish = { locale: 'es', catalog: es } as const;

describe('inside <PasslinkMessages locale="es" catalog={es}>', () => {
  it('the form, its validation error and the sent state speak Spanish, with the countdown in "segundos"', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<PasswordlessLogin />, { messages: spanish });
    expect(screen.getByRole('heading', { name: es['login.title.signUpOrIn'] })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: '¿Cómo quieres iniciar sesión?' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Enlace por correo' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Enlace por SMS' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Código por llamada' })).toBeInTheDocument();
    const field = screen.getByRole('textbox', { name: 'Correo electrónico' });
    expect(screen.getByRole('button', { name: 'Enviarme un enlace' })).toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.type(field, 'ada@{Enter}');
    const error = await screen.findByText('Después de la @ falta un dominio como example.com.');
    expect(error).toHaveAttribute('role', 'alert');
    expect(field).toHaveAccessibleDescription('Después de la @ falta un dominio como example.com.');
    expect(h.count()).toBe(0);
    await expectNoAxeViolations(container);

    await user.clear(field);
    await user.type(field, `${ADA.email}{Enter}`);
    expect(await screen.findByRole('heading', { name: 'Revisa tu correo' })).toBeInTheDocument();
    expect(screen.getByText(`Te enviamos un enlace a ${MASKED.ada}. Ábrelo en este dispositivo para continuar.`)).toBeInTheDocument();
    const resend = screen.getByRole('button', { name: 'Reenviar en 30 segundos' });
    expect(resend).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('button', { name: 'Usar otro correo electrónico' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('the phone field: Spanish label, Spanish country names, Spanish call text', async () => {
    const h = setup();
    const { user, container } = h.renderUI(<PasswordlessLogin defaultCountry="US" />, { messages: spanish });
    await user.click(screen.getByRole('radio', { name: 'Código por llamada' }));
    await phoneFieldReady('País o región');
    const country = screen.getByRole('combobox', { name: 'País o región' });
    expect(within(country).getByRole('option', { selected: true })).toHaveTextContent('Estados Unidos +1');
    expect(within(country).getByRole('option', { name: 'Alemania +49' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
    await user.type(screen.getByRole('textbox', { name: 'Número de teléfono' }), '4155550102');
    await user.click(screen.getByRole('button', { name: 'Recibir un código por llamada' }));
    expect(await screen.findByRole('heading', { name: 'Contesta el teléfono' })).toBeInTheDocument();
    expect(screen.getByText(`Estamos llamando al ${MASKED.pat} para dictarte un código.`)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Código de verificación' })).toHaveAccessibleDescription(`Escribe el código de 6 dígitos que enviamos a ${MASKED.pat}.`);
    expect(screen.getByRole('button', { name: 'Verificar' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('a wrong code and a resend are explained in Spanish', async () => {
    const h = setup();
    const { user } = h.renderUI(<PasswordlessLogin methods={[{ via: 'otp', method: 'email' }]} />, {
      messages: spanish,
      provider: { resendCooldownSeconds: 1 },
    });
    await user.type(screen.getByRole('textbox', { name: 'Correo electrónico' }), `${ADA.email}{Enter}`);
    await screen.findByText(`Te enviamos un código a ${MASKED.ada}.`);
    await user.click(screen.getByRole('textbox', { name: 'Código de verificación' }));
    await user.keyboard(wrongCode(h.codeFor(ADA.email)));
    expect(await screen.findByText('El código no es correcto. Revísalo e inténtalo de nuevo.')).toHaveAttribute('role', 'alert');

    const resend = screen.getByRole('button', { name: /^Reenviar/ });
    await waitFor(() => expect(resend).toHaveAccessibleName('Reenviar'));
    await user.click(resend);
    expect(await findStatus('Lo volvimos a enviar.')).toBeInTheDocument();
  });

  it('the verify page and the signed-out update speak Spanish', async () => {
    const h = setup();
    await h.client.magicLink.signIn({ method: 'email', loginId: ADA.loginId });
    history.replaceState(null, '', `/verify?t=${h.emulator.outbox.latest({ to: ADA.email })?.token ?? ''}`);
    const { container } = h.renderUI(
      <>
        <VerifyMagicLink />
        <UpdateEmail />
      </>,
      { messages: spanish },
    );
    await waitFor(() => expect(screen.getByText('Sesión iniciada.')).toBeInTheDocument());
    expect(screen.getByRole('heading', { level: 1, name: 'Sesión iniciada' })).toBeInTheDocument();
    // Verifying signed the user in: the update form now shows, in Spanish.
    expect(await screen.findByText(`Actual: ${ADA.email}`)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Nuevo correo electrónico' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Continuar' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('signed out, UpdateEmail says so in Spanish', async () => {
    const h = setup();
    const { container } = h.renderUI(<UpdateEmail />, { messages: spanish });
    expect(await screen.findByRole('status')).toHaveTextContent('Inicia sesión para cambiar tus datos de contacto.');
    expect(screen.getByRole('heading', { name: 'Cambia tu correo electrónico' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });
});

describe('app overrides', () => {
  it("messages={{ 'login.submit.link': 'Go' }} changes that one message and nothing else", async () => {
    const h = setup();
    const { container } = h.renderUI(<PasswordlessLogin />, { messages: { messages: { 'login.submit.link': 'Go' } } });
    expect(screen.getByRole('button', { name: 'Go' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send me a link' })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Email address' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('an override wins over the Spanish catalog; a partial catalog falls back to English', async () => {
    const h = setup();
    const partial: Partial<Catalog> = { 'field.email.label': 'Correo' };
    h.renderUI(<PasswordlessLogin />, { messages: { locale: 'es', catalog: partial, messages: { 'login.submit.link': 'Vamos' } } });
    expect(screen.getByRole('button', { name: 'Vamos' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Correo' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Sign in or create an account' })).toBeInTheDocument();
  });

  it('errorCodes maps a project code to a message id', async () => {
    const h = setup();
    const { user } = h.renderUI(<PasswordlessLogin mode="signIn" />, {
      messages: { errorCodes: { E062108: 'error.validation' }, messages: { 'error.validation': 'No such person here.' } },
    });
    await user.type(screen.getByRole('textbox', { name: 'Email address' }), 'nobody@example.com{Enter}');
    expect(await screen.findByText('No such person here.')).toHaveAttribute('role', 'alert');
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
  });
});
