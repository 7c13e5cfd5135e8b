/**
 * A failing Testing Library query or wait prints what failed, not the page: test/setup/dom.ts
 * configures it. Without that configuration Testing Library appends the whole DOM (and, for role
 * queries, every element of every role) to the message, and these tests fail.
 */
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LoginForm } from '../../src';
import { setup } from '../components/harness';

/** The error `run` throws or rejects with. */
async function failureOf(run: () => unknown): Promise<Error> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-error: ${String(error)}`, { cause: error });
  }
  throw new Error('did not fail');
}

const renderForm = () =>
  setup().renderUI(
    <LoginForm.Root via="magicLink" method="email" aria-label="Sign in">
      <LoginForm.LoginIdField />
      <LoginForm.Error />
      <LoginForm.Submit />
    </LoginForm.Root>,
  );

/** Markup: an opening or closing tag, or the pretty-printer's banner. */
const MARKUP = /<\/?[a-z][\w-]*[\s>/]|Ignored nodes/i;

describe('failure messages', () => {
  it('a query that finds nothing says what it looked for and quotes the text on screen, without markup', async () => {
    renderForm();
    const error = await failureOf(() => screen.getByRole('button', { name: 'Sign me up' }));
    expect(error.message).toMatch(/^Unable to find an accessible element with the role "button" and name "Sign me up"/);
    expect(error.message).toContain('Text on screen: "Email address Send me a link"');
    expect(error.message).not.toMatch(MARKUP);
    expect(error.message.length).toBeLessThan(400);
  });

  it('a wait that gives up reports the failing assertion, without markup', async () => {
    renderForm();
    const field = screen.getByRole('textbox', { name: 'Email address' });
    // Fails whatever the machine's speed: nothing ever types into the field.
    const error = await failureOf(() => waitFor(() => expect(field).toHaveValue('ada@example.com'), { timeout: 100 }));
    expect(error.message).toContain('to have value');
    expect(error.message).toContain('ada@example.com');
    expect(error.message).not.toMatch(MARKUP);
    expect(error.message.length).toBeLessThan(600);
  });

  it('a findBy… that gives up says what it looked for, without markup', async () => {
    renderForm();
    const error = await failureOf(() => screen.findByText('Check your email', {}, { timeout: 100 }));
    expect(error.message).toMatch(/^Unable to find an element with the text: Check your email/);
    expect(error.message).not.toMatch(MARKUP);
    expect(error.message.length).toBeLessThan(600);
  });
});
