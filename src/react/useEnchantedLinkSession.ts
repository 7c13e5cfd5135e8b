import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { ApiError, NetworkError, ResponseFormatError, TimeoutError, enchantedLinkPendingSession, type PasslinkError } from '../client';
import { errorSituations } from '../contract';
import { usePasslinkContext } from './context';
import { passlinkKeys } from './keys';
import type { VerifiedSession } from './useVerifyOtp';

/**
 * Where the wait stands: `idle` (no `pendingRef`), `pending` (polling until the link is opened),
 * `success` (signed in: the session is in the store), `timeout` (the link expired, or
 * `timeoutSeconds` passed: send a new one), `error` (the server refused the wait: see `error`).
 */
export type EnchantedLinkSessionStatus = 'idle' | 'pending' | 'success' | 'timeout' | 'error';

/** Options of {@link useEnchantedLinkSession}. */
export interface UseEnchantedLinkSessionOptions {
  /**
   * Milliseconds between polls while the link is not opened yet. Default: 1000 (the official
   * SDK's `waitForSession` interval, descope/descope-js core-js-sdk `MIN_POLLING_INTERVAL_MS`).
   */
  intervalMs?: number;
  /**
   * The longest wait between polls after failures: a poll that gets no answer (offline, a
   * timeout, a 5xx or an HTML gateway page) is tried again after twice the last wait (or the
   * server's `Retry-After`), up to this. Default: 30000.
   */
  maxIntervalMs?: number;
  /**
   * Seconds after which the wait ends with status `timeout`, counted from when waiting on
   * `pendingRef` began (time while the tab was hidden included). A link that the server says
   * has expired ends it sooner. Default: 600 (the longest link lifetime, and the official SDK's
   * `waitForSession` timeout, core-js-sdk `MAX_POLLING_TIMEOUT_MS`).
   */
  timeoutSeconds?: number;
  /** Called once after the session was stored (also when the component has unmounted since). Default: none. */
  onSuccess?: (session: VerifiedSession) => void;
}

/** What {@link useEnchantedLinkSession} returns. */
export interface EnchantedLinkSession {
  status: EnchantedLinkSessionStatus;
  /** Why the wait failed (status `error`): the typed error. */
  error: PasslinkError | null;
  /** The signed-in user and whether this was their first sign-in (status `success`). */
  data: VerifiedSession | undefined;
  /** True while the tab is hidden: polling pauses, and resumes at once when the tab is shown. */
  paused: boolean;
  /** True while polls get no answer (offline, server trouble): polling goes on with backoff. */
  reconnecting: boolean;
  /** Waits again on the same `pendingRef` after `error` or `timeout`. */
  retry(): void;
}

interface WaitState {
  /** The wait this state belongs to (`pendingRef` and the retry count): an older one's is ignored. */
  key: string;
  status: EnchantedLinkSessionStatus;
  error: PasslinkError | null;
  data: VerifiedSession | undefined;
  reconnecting: boolean;
}

/** Failures that say nothing about the link: poll again later. */
const transient = (error: unknown) =>
  error instanceof NetworkError ||
  error instanceof TimeoutError ||
  error instanceof ResponseFormatError ||
  (error instanceof ApiError && (error.status >= 500 || error.status === 429));

const subscribeVisibility = (listener: () => void) => {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
};

/**
 * Waits for an enchanted link to be opened (on any device) and signs this tab in: polls
 * `POST /v1/auth/enchantedlink/pending-session` with `pendingRef` from an enchanted-link send.
 * On success the session is stored in the session store (as `useVerifyOtp` does), `onSuccess`
 * runs and the user query is refreshed.
 *
 * - Polls every `intervalMs` while the server answers "pending" (401 `E062503`).
 * - Network failures, timeouts and server errors keep polling, backing off (doubling up to
 *   `maxIntervalMs`, or the server's `Retry-After`); `reconnecting` is true meanwhile.
 * - Any other API error ends the wait with status `error`; an expired link with `timeout`.
 * - Pauses while the tab is hidden (`visibilitychange`) and polls at once when it is shown again.
 * - Stops on unmount, or when `pendingRef` changes (a new send: it then waits on the new one).
 * - Ends with `timeout` after `timeoutSeconds`.
 *
 * @param pendingRef From the send's answer; `undefined`, `null` or `''` waits on nothing (`idle`).
 * @param options `intervalMs` (1000), `maxIntervalMs` (30000), `timeoutSeconds` (600), `onSuccess` (none).
 * @param queryClient Default: the provider's.
 */
export function useEnchantedLinkSession(
  pendingRef: string | null | undefined,
  options: UseEnchantedLinkSessionOptions = {},
  queryClient?: QueryClient,
): EnchantedLinkSession {
  const { intervalMs = 1000, maxIntervalMs = 30_000, timeoutSeconds = 600, onSuccess } = options;
  const { transport, store, queryClient: own } = usePasslinkContext('useEnchantedLinkSession');
  const client = queryClient ?? own;
  const [run, setRun] = useState(0);
  const key = `${run}:${pendingRef ?? ''}`;
  const [state, setState] = useState<WaitState>();
  const latest = useRef(onSuccess);
  useEffect(() => {
    latest.current = onSuccess;
  });
  const paused = useSyncExternalStore(
    subscribeVisibility,
    () => document.hidden,
    () => false,
  );

  useEffect(() => {
    if (!pendingRef) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: AbortController | undefined;
    let backoff = intervalMs;
    // Each "still pending" answer would otherwise re-render every second for nothing.
    const update = (patch: Omit<WaitState, 'key' | 'error' | 'data'> & Partial<WaitState>) =>
      setState((previous) =>
        previous?.key === key && previous.status === patch.status && previous.reconnecting === patch.reconnecting && !patch.error && !patch.data
          ? previous
          : { key, error: null, data: undefined, ...patch },
      );
    const stop = (patch: Omit<WaitState, 'key' | 'error' | 'data' | 'reconnecting'> & Partial<WaitState>) => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(deadline);
      inFlight?.abort();
      document.removeEventListener('visibilitychange', resume);
      update({ reconnecting: false, ...patch });
    };
    const schedule = (ms: number) => {
      timer = setTimeout(poll, ms);
    };
    const poll = async () => {
      timer = undefined;
      // Hidden: no poll now; `resume` polls when the tab is shown again.
      if (stopped || document.hidden) return;
      const controller = (inFlight = new AbortController());
      try {
        const session = await enchantedLinkPendingSession(transport, { pendingRef, signal: controller.signal });
        if (stopped) return;
        store.setSession(session);
        const data: VerifiedSession = { user: session.user, firstSeen: !!session.firstSeen };
        stop({ status: 'success', data });
        void client.invalidateQueries({ queryKey: passlinkKeys.user() });
        latest.current?.(data);
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiError && error.code === errorSituations.linkPending) {
          backoff = intervalMs;
          update({ status: 'pending', reconnecting: false });
          schedule(intervalMs);
        } else if (transient(error)) {
          const retryAfter = ((error as ApiError).retryAfterSeconds ?? 0) * 1000;
          backoff = Math.min(Math.max(backoff * 2, retryAfter), Math.max(maxIntervalMs, retryAfter));
          update({ status: 'pending', reconnecting: true });
          schedule(backoff);
        } else if (error instanceof ApiError && error.code === errorSituations.tokenExpired) {
          stop({ status: 'timeout' });
        } else {
          stop({ status: 'error', error: error as PasslinkError });
        }
      } finally {
        if (inFlight === controller) inFlight = undefined;
      }
    };
    const resume = () => {
      if (!document.hidden && !stopped && !timer && !inFlight) void poll();
    };
    const deadline = setTimeout(() => stop({ status: 'timeout' }), timeoutSeconds * 1000);
    document.addEventListener('visibilitychange', resume);
    schedule(intervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(deadline);
      inFlight?.abort();
      document.removeEventListener('visibilitychange', resume);
    };
  }, [key, pendingRef, intervalMs, maxIntervalMs, timeoutSeconds, transport, store, client]);

  // A state from an earlier wait (another pendingRef, or before a retry) does not count.
  const current = state?.key === key ? state : undefined;
  return {
    status: !pendingRef ? 'idle' : (current?.status ?? 'pending'),
    error: current?.error ?? null,
    data: current?.data,
    paused: !!pendingRef && paused && (!current || current.status === 'pending'),
    reconnecting: !!current?.reconnecting,
    retry: () => {
      if (current?.status === 'error' || current?.status === 'timeout') setRun((n) => n + 1);
    },
  };
}
