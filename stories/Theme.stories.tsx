import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { PasswordlessLogin } from 'passlink';
import { PEOPLE, emulate } from './support';

/**
 * passlink.css's two palettes, chosen by `data-theme` on an ancestor (here the story wrapper, as
 * in the demo's `div.app`): the flow's own colours must follow it.
 */
const meta = {
  title: 'Setup/Theme',
  component: PasswordlessLogin,
  args: { methods: [{ via: 'magicLink', method: 'email' }] },
  parameters: { msw: { handlers: emulate({ users: PEOPLE }) } },
} satisfies Meta<typeof PasswordlessLogin>;

export default meta;
type Story = StoryObj<typeof meta>;

const colours = (canvasElement: HTMLElement) => {
  const flow = canvasElement.querySelector('[data-passlink-flow]');
  const submit = canvasElement.querySelector('[data-passlink-submit]');
  if (!(flow instanceof HTMLElement) || !(submit instanceof HTMLElement)) throw new Error('No flow');
  return {
    background: getComputedStyle(flow).backgroundColor,
    text: getComputedStyle(flow).color,
    accent: getComputedStyle(submit).backgroundColor,
  };
};

/** Light: --passlink-bg #ffffff, --passlink-text #16181d, --passlink-accent #1d4ed8. */
export const Light: Story = {
  globals: { theme: 'light' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('heading')).toBeVisible();
    await expect(colours(canvasElement)).toEqual({ background: 'rgb(255, 255, 255)', text: 'rgb(22, 24, 29)', accent: 'rgb(29, 78, 216)' });
  },
};

/** Dark: --passlink-bg #14161b, --passlink-text #eef0f4, --passlink-accent #8ab4ff. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('heading')).toBeVisible();
    await expect(colours(canvasElement)).toEqual({ background: 'rgb(20, 22, 27)', text: 'rgb(238, 240, 244)', accent: 'rgb(138, 180, 255)' });
  },
};
