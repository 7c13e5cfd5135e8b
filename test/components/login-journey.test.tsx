import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import '@testing-library/jest-dom/vitest';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { createEmulatorHandlers } from '../../src/emulator/msw';
import { createClient } from '../../src/client';
import { PasslinkProvider, PasswordlessLogin } from '../../src';

const PHONE = '+14155550101';
const handlers = createEmulatorHandlers();
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => handlers.emulator.reset());
beforeEach(() => {
  handlers.emulator.seedUser({ loginId: PHONE, phone: PHONE });
});
afterAll(() => server.close());

it('signs in with a voice code using the keyboard alone: wrong code first, then the right one', async () => {
  const user = userEvent.setup();
  const onSignedIn = vi.fn();
  const client = createClient({ projectId: handlers.emulator.projectId, baseUrl: 'https://api.descope.com', retryDelaysMs: [] });
  render(
    <PasslinkProvider projectId={handlers.emulator.projectId} client={client} queryClient={new QueryClient()}>
      <PasswordlessLogin onSignedIn={onSignedIn} defaultCountry="US" />
    </PasslinkProvider>,
  );

  // Choose "Code by phone call" with the keyboard: Tab into the radio group, arrow keys.
  await user.tab();
  expect(screen.getByRole('radio', { name: 'Link by email' })).toHaveFocus();
  await user.keyboard('{ArrowDown}{ArrowDown}');
  expect(screen.getByRole('radio', { name: 'Code by phone call' })).toBeChecked();

  await user.tab(); // the country selector
  await user.tab(); // the phone number
  expect(screen.getByLabelText('Phone number')).toHaveFocus();
  await user.keyboard('4155550101{Enter}');

  // The first phone field loads libphonenumber-js: allow for that on a busy machine.
  const heading = await screen.findByRole('heading', { name: 'Answer your phone' }, { timeout: 10_000 });
  await waitFor(() => expect(heading).toHaveFocus());
  expect(screen.getByText('We are calling +1 ••• ••• 0101 to read you a code.')).toBeInTheDocument();
  // Counting down from 30 s (real time: a busy machine may already show 29 or less).
  expect(screen.getByRole('button', { name: /^Send again in (2\d|30) seconds$/ })).toHaveAttribute('aria-disabled', 'true');

  const code = handlers.emulator.outbox.latest({ to: PHONE })?.code ?? '';
  const wrong = code === '000000' ? '111111' : '000000';
  await user.tab();
  expect(screen.getByLabelText('Verification code')).toHaveFocus();
  await user.keyboard(wrong);
  expect(await screen.findByText('That code is not right. Check it and try again.')).toBeInTheDocument();
  await waitFor(() => expect(screen.getByLabelText('Verification code')).toHaveFocus());
  expect(screen.getByLabelText('Verification code')).toHaveValue('');

  await user.keyboard(code);
  await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
  expect(onSignedIn.mock.calls[0]?.[0]).toMatchObject({ firstSeen: false, user: { phone: PHONE } });
  await waitFor(() => expect(screen.getByRole('status', { name: '' })).toHaveTextContent('Code accepted.'));
}, 20_000);
