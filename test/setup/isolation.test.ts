/**
 * The jsdom project runs its files in one page (`isolate: false`): test/setup/dom.ts must leave
 * the page fresh after every test (test/setup/cleanup.ts). The first test dirties what a test
 * could leave behind; the second, run after it in the same page, finds none of it.
 */
import { describe, expect, it, vi } from 'vitest';
import { onTestCleanup } from './cleanup';

const ran: string[] = [];

// In this order even when a run shuffles its tests (--sequence.shuffle).
describe('the page after a test', { shuffle: false }, () => {
  it('(a test that leaves everything behind)', () => {
    onTestCleanup(() => ran.push('registered first'));
    onTestCleanup(() => ran.push('registered last'));
    vi.useFakeTimers({ now: 0 });
    localStorage.setItem('left', '1');
    sessionStorage.setItem('left', '1');
    document.cookie = 'left=1; Path=/';
    history.replaceState({ left: true }, '', '/left/behind?token=1#x');
    document.body.append(document.createElement('dialog'));
    Object.defineProperty(navigator, 'credentials', { value: 'left', configurable: true });
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    expect(Date.now()).toBe(0);
  });

  it('is fresh: teardowns ran (last registered first), real timers, empty storage and cookies, address at /, nothing on the page', () => {
    expect(ran).toEqual(['registered last', 'registered first']);
    expect(vi.isFakeTimers()).toBe(false);
    expect(Date.now()).toBeGreaterThan(0);
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).toBe('');
    expect(location.pathname + location.search + location.hash).toBe('/');
    expect(history.state).toBeNull();
    expect(document.body.childNodes).toHaveLength(0);
    expect(Object.getOwnPropertyDescriptor(navigator, 'credentials')).toBeUndefined();
    expect(document.visibilityState).toBe('visible');
  });
});
