import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { LoginForm } from 'passlink';

/**
 * Not a component story: a check of the test setup (.storybook/vitest.setup.ts). A failing query
 * or wait in a play function prints what failed and a line of the story's text, not the page's
 * markup. Hidden from Storybook's sidebar and docs; run by the storybook test project only.
 */
const meta = {
  title: 'Checks/Failure messages',
  tags: ['!dev', '!autodocs'],
  render: () => (
    <LoginForm.Root via="magicLink" method="email" aria-label="Sign in">
      <LoginForm.LoginIdField />
      <LoginForm.Submit />
    </LoginForm.Root>
  ),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

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

/** Markup: an opening or closing tag, or the pretty-printer's banner. */
const MARKUP = /<\/?[a-z][\w-]*[\s>/]|Ignored nodes/i;

export const QueryAndWait: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const query = await failureOf(() => canvas.getByRole('button', { name: 'Sign me up' }));
    await expect(query.message).toMatch(/^Unable to find an accessible element with the role "button" and name "Sign me up"/);
    await expect(query.message).toContain('Text on screen: "Email address Send me a link"');
    await expect(query.message).not.toMatch(MARKUP);

    const field = canvas.getByLabelText('Email address');
    // Fails whatever the machine's speed: nothing ever types into the field.
    const wait = await failureOf(() => waitFor(() => expect(field).toHaveValue('ada@example.com'), { timeout: 100 }));
    await expect(wait.message).toContain('ada@example.com');
    await expect(wait.message).not.toMatch(MARKUP);
    await expect(wait.message.length).toBeLessThan(600);
  },
};
