import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { EmailField } from 'passlink';
import { dark } from './themes';

const meta = {
  title: 'Fields/EmailField',
  component: EmailField,
  tags: ['autodocs'],
  args: { name: 'email' },
} satisfies Meta<typeof EmailField>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Label from the catalog, `type="email"`, `autocomplete="email"`. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByLabelText('Email address');
    await expect(input).toHaveAttribute('type', 'email');
    await expect(input).toHaveAttribute('autocomplete', 'email');
    await userEvent.type(input, 'ada@example.com');
    await expect(input).toHaveValue('ada@example.com');
  },
};

export const WithHint: Story = {
  args: { description: 'We never share it.' },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByLabelText('Email address');
    await expect(input).toHaveAccessibleDescription('We never share it.');
  },
};

/** An error (already translated): `aria-invalid`, announced, and tied to the input. */
export const WithError: Story = {
  args: { defaultValue: 'ada@', error: 'Enter a valid email address, like name@example.com.' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByLabelText('Email address');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription('Enter a valid email address, like name@example.com.');
    await expect(canvas.getByRole('alert')).toHaveTextContent('Enter a valid email address');
  },
};

export const CustomLabel: Story = {
  args: { label: 'Work email', placeholder: 'name@company.com' },
};

export const Disabled: Story = {
  args: { disabled: true, defaultValue: 'ada@example.com' },
};

/** Dark, for browsing: the test run renders every story in both themes anyway. */
export const WithErrorDark = dark(WithError);
