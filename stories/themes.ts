/** The same story in the dark theme: `globals.theme = 'dark'` (passlink's dark palette on a dark surface). */
export const dark = <T extends { globals?: Record<string, unknown> }>(story: T): T => ({
  ...story,
  globals: { ...story.globals, theme: 'dark' },
});
