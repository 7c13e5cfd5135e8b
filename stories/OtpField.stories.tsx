import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { OtpField, type OtpFieldProps } from 'passlink';
import { dark } from './themes';

/** The field and the code it completed with (what `onComplete` received). */
function OtpFieldWithResult(props: OtpFieldProps) {
  const [completed, setCompleted] = useState('');
  return (
    <>
      <OtpField {...props} onComplete={setCompleted} />
      <p>
        Completed code: <output data-testid="completed">{completed}</output>
      </p>
    </>
  );
}

const meta = {
  title: 'Fields/OtpField',
  component: OtpField,
  tags: ['autodocs'],
  args: { name: 'code' },
  render: (args) => <OtpFieldWithResult {...args} />,
} satisfies Meta<typeof OtpField>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Six digits (the default): one real input drawn as slots. */
export const Length6: Story = {
  args: { length: 6 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByLabelText('Verification code');
    await expect(input).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(input).toHaveAttribute('inputmode', 'numeric');
    await expect(input).toHaveAccessibleDescription('Enter the 6-digit code.');
    await expect(canvasElement.querySelectorAll('[data-passlink-otp-slot]')).toHaveLength(6);
  },
};

export const Length4: Story = {
  args: { length: 4 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText('Verification code')).toHaveAccessibleDescription('Enter the 4-digit code.');
    await expect(canvasElement.querySelectorAll('[data-passlink-otp-slot]')).toHaveLength(4);
  },
};

/** Pasted with spaces and dashes: the digits are kept, and completing calls `onComplete` once. */
export const Pasted: Story = {
  args: { length: 6 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByLabelText('Verification code');
    await userEvent.click(input);
    await userEvent.paste('123-456');
    await expect(input).toHaveValue('123456');
    await expect(canvas.getByTestId('completed')).toHaveTextContent('123456');
    await expect(canvasElement.querySelector('[data-passlink-otp]')).toHaveAttribute('data-complete');
  },
};

/** Letters are ignored while typing. */
export const Typed4: Story = {
  args: { length: 4 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByLabelText('Verification code');
    await userEvent.type(input, '4a2b9x1');
    await expect(input).toHaveValue('4291');
    await expect(canvas.getByTestId('completed')).toHaveTextContent('4291');
  },
};

export const WithError: Story = {
  args: { length: 6, defaultValue: '12', error: 'That code is not right. Check it and try again.' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByLabelText('Verification code');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription('Enter the 6-digit code. That code is not right. Check it and try again.');
  },
};

/** Dark, for browsing: the test run renders every story in both themes anyway. */
export const WithErrorDark = dark(WithError);
