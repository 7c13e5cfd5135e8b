import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';

/** A ref that always holds the latest `value` (for callbacks read from effects and events). */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}

/**
 * A ref for an element (a step's heading) that gets focus when `key` changes. Not on the first
 * render, which would steal focus on page load; and compared with the key last seen rather than
 * a "first render" flag, which StrictMode's second effect run would defeat.
 */
export function useFocusOnChange<T extends HTMLElement>(key: string) {
  const element = useRef<T>(null);
  const shown = useRef(key);
  // In the commit that shows the new step (a layout effect), not after paint.
  useLayoutEffect(() => {
    if (shown.current === key) return;
    shown.current = key;
    element.current?.focus();
  }, [key]);
  return element;
}

/**
 * A live region's text and the function that announces a message in it. The region is emptied
 * first and written a moment later, so the same message twice ("Sent again.") is still a change
 * that screen readers speak.
 */
export function useAnnouncer(): [string, (message: string) => void] {
  const [text, setText] = useState('');
  const announce = useCallback((message: string) => {
    setText('');
    setTimeout(() => setText(message), 50);
  }, []);
  return [text, announce];
}

/**
 * A form's onSubmit that lets one submission through at a time. The flag is set in the event
 * itself: a double press (or autofill then Enter) arrives before React has re-rendered with a
 * mutation's isPending, so that flag alone would let a second request through.
 */
export function useSubmitGuard(submit: (event: FormEvent) => Promise<void>) {
  const busy = useRef(false);
  return (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    void submit(event).finally(() => {
      busy.current = false;
    });
  };
}
