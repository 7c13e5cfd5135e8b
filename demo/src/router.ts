import { useSyncExternalStore } from 'react';

// A tiny history router: the demo has three pages and no other needs.
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
addEventListener('popstate', notify);

export const navigate = (path: string) => {
  history.pushState(null, '', path);
  notify();
};

export const usePath = () =>
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => location.pathname,
  );
