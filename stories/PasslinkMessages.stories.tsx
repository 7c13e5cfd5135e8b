import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { LoginForm, PasslinkMessages, de, en, es, fr, type Catalog, type PasslinkMessagesProps } from 'passlink';
import { ADA, PEOPLE, emulate } from './support';
import { dark } from './themes';

/** A login form inside its own PasslinkMessages (which wins over the toolbar's). */
function MessagesDemo(props: Omit<PasslinkMessagesProps, 'children'>) {
  const [sent, setSent] = useState('');
  return (
    <PasslinkMessages {...props}>
      <LoginForm.Root via="magicLink" method="email" mode="signIn" onSent={(result) => setSent(result.maskedDestination)}>
        <LoginForm.LoginIdField />
        <LoginForm.Error />
        <LoginForm.Submit />
      </LoginForm.Root>
      <p role="status">{sent}</p>
    </PasslinkMessages>
  );
}

const meta = {
  title: 'Setup/PasslinkMessages',
  component: PasslinkMessages,
  parameters: { msw: { handlers: emulate({ users: PEOPLE }) } },
  render: (args) => <MessagesDemo {...args} />,
} satisfies Meta<typeof PasslinkMessages>;

export default meta;
type Story = StoryObj<typeof meta>;

const inCatalog =
  (catalog: Catalog): Story['play'] =>
  async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText(catalog['field.email.label'])).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: catalog['login.submit.link'] }));
    await waitFor(() =>
      expect(canvas.getByLabelText(catalog['field.email.label'])).toHaveAccessibleDescription(catalog['input.email.required']),
    );
  };

export const English: Story = { args: { locale: 'en' }, play: inCatalog(en) };
export const Spanish: Story = { args: { locale: 'es', catalog: es }, play: inCatalog(es) };
export const French: Story = { args: { locale: 'fr', catalog: fr }, play: inCatalog(fr) };
export const German: Story = { args: { locale: 'de', catalog: de }, play: inCatalog(de) };
/** Dark, for browsing: the test run renders every story in both themes anyway. */
export const FrenchDark = dark(French);

/** An app's own words for some messages, by id; the rest from the catalog. */
export const CustomMessages: Story = {
  args: { messages: { 'login.submit.link': 'Email me a sign-in link', 'field.email.label': 'Work email' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText('Work email')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Email me a sign-in link' })).toBeVisible();
  },
};

/**
 * A project whose API answers its own code for an unknown user (`E999001`): mapped to a message
 * with `errorCodes`. Without the mapping it would read as a generic input error.
 */
export const ProjectErrorCodes: Story = {
  args: { errorCodes: { E999001: 'error.userNotFound' } },
  parameters: { msw: { handlers: emulate({ users: PEOPLE, errorCodes: { userNotFound: 'E999001' } }) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), `not-${ADA.email}`);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(en['error.userNotFound']));
  },
};

/** The same project without the mapping: the generic message for its HTTP status. */
export const UnmappedErrorCode: Story = {
  parameters: { msw: { handlers: emulate({ users: PEOPLE, errorCodes: { userNotFound: 'E999001' } }) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email address'), `not-${ADA.email}`);
    await userEvent.click(canvas.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(en['error.validation']));
  },
};
