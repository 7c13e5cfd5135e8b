/**
 * Testing Library's failure message without the page: by default a failed `getBy…`, and every
 * `findBy…` or `waitFor` that times out, appends the whole DOM (hundreds of lines of markup) and,
 * for role queries, every element of every role. What failed is the first paragraph; after it we
 * keep only a short excerpt of the text on screen, which is what a person would have seen.
 * Used by the jsdom setup (test/setup/dom.ts) and the browser one (.storybook/vitest.setup.ts).
 */

/** How much of the text on screen a failure quotes. */
export const SCREEN_TEXT_LIMIT = 200;

/** The text nodes under `root` (scripts and styles left out), squeezed, at most `limit` characters. */
export function screenText(root: Node, limit = SCREEN_TEXT_LIMIT): string {
  const document = root.ownerDocument ?? (root as Document);
  const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let text = '';
  for (let node = walker.nextNode(); node && text.length <= limit; node = walker.nextNode()) {
    if (node.parentElement?.closest('script, style, template, noscript')) continue;
    text += ` ${node.nodeValue ?? ''}`;
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/** For `configure({ getElementError })`: the failure's own words, and a line of what was on screen. */
export function shortElementError(message: string | null, container: Element | Document | null | undefined): Error {
  const lead = (message ?? 'Testing Library query failed').split(/\n\n(?=Here are the accessible roles|Ignored nodes)/)[0] ?? '';
  const text = container ? screenText(container) : '';
  const error = new Error(text ? `${lead}\n\nText on screen: "${text}"` : lead);
  error.name = 'TestingLibraryElementError';
  return error;
}
