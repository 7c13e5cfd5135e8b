/**
 * Render counts of the components while typing (`npm run bench`). Each measured component is
 * wrapped by a function that counts and then calls it (so the wrapper IS the component: same
 * hooks, same state); React's Profiler counts every commit below.
 */
import { Profiler } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import { expect, inject, it } from 'vitest';
import { createClient } from '../src/client';
import {
  PasslinkProvider,
  LoginFormRoot,
  LoginFormLoginIdField,
  LoginFormSubmit,
  MessageSentRoot,
  MessageSentCode,
  type LoginFormRootProps,
  type MessageSentRootProps,
  type MessageSentCodeProps,
} from '../src';

const counts = { formRoot: 0, loginIdField: 0, sentRoot: 0, codeStep: 0, commits: 0 };
function CountedFormRoot(props: LoginFormRootProps) {
  counts.formRoot += 1;
  return LoginFormRoot(props);
}
function CountedLoginIdField() {
  counts.loginIdField += 1;
  return LoginFormLoginIdField({});
}
function CountedSentRoot(props: MessageSentRootProps) {
  counts.sentRoot += 1;
  return MessageSentRoot(props);
}
function CountedCode(props: MessageSentCodeProps) {
  counts.codeStep += 1;
  return MessageSentCode(props);
}

const provider = (children: React.ReactNode) => (
  <PasslinkProvider
    projectId="Pbench"
    client={createClient({ projectId: 'Pbench', baseUrl: 'http://127.0.0.1:9', retryDelaysMs: [] })}
    queryClient={new QueryClient()}
  >
    {children}
  </PasslinkProvider>
);

it('renders the form root at most once while ten characters are typed, and typing a code renders only the code field', async () => {
  const user = userEvent.setup();
  const rows: { scenario: string; component: string; renders: number }[] = [];

  const form = render(
    provider(
      <CountedFormRoot via="magicLink" method="email">
        <CountedLoginIdField />
        <LoginFormSubmit />
      </CountedFormRoot>,
    ),
  );
  const before = { ...counts };
  await user.type(screen.getByLabelText('Email address'), 'ada@ex.com');
  expect(screen.getByLabelText('Email address')).toHaveValue('ada@ex.com');
  rows.push(
    { scenario: 'type 10 characters into the email field', component: 'LoginForm.Root', renders: counts.formRoot - before.formRoot },
    { scenario: 'type 10 characters into the email field', component: 'LoginForm.LoginIdField', renders: counts.loginIdField - before.loginIdField },
  );
  form.unmount();

  render(
    provider(
      <CountedSentRoot via="otp" method="sms" maskedDestination="+1 ••• ••• 0101" cooldownKey="+14155550101" resend={() => Promise.resolve()}>
        <Profiler id="code" onRender={() => (counts.commits += 1)}>
          <CountedCode />
        </Profiler>
      </CountedSentRoot>,
    ),
  );
  const atCode = { ...counts };
  await user.type(screen.getByLabelText('Verification code'), '12345');
  expect(screen.getByLabelText('Verification code')).toHaveValue('12345');
  rows.push(
    { scenario: 'type 5 digits of a code', component: 'MessageSent.Root', renders: counts.sentRoot - atCode.sentRoot },
    { scenario: 'type 5 digits of a code', component: 'MessageSent.Code', renders: counts.codeStep - atCode.codeStep },
    { scenario: 'type 5 digits of a code', component: 'commits below (the code field)', renders: counts.commits - atCode.commits },
  );

  if (inject('benchReport')) {
    console.log('\nComponent render counts while typing:');
    console.table(rows);
  }

  expect(rows[0]?.renders).toBeLessThanOrEqual(1);
  expect(rows[1]?.renders).toBe(0);
  expect(rows[2]?.renders).toBe(0);
  expect(rows[3]?.renders).toBe(0);
  expect(rows[4]?.renders).toBe(5);
});
