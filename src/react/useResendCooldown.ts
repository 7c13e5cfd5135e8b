import { useEffect, useState, useSyncExternalStore } from 'react';
import { usePasslinkContext } from './context';

/** What {@link useResendCooldown} returns. */
export interface ResendCooldown {
  /** Whole seconds until the next send is allowed; 0 when it is. */
  secondsLeft: number;
  /** True when a send is allowed now. */
  canResend: boolean;
  /**
   * True when a message went to this destination; false while the only wait is the server's
   * after a refused attempt (a 429 before anything was sent), so the UI can say "Try again in"
   * rather than "Send again in".
   */
  sent: boolean;
}

const secondsUntil = (until: number, now: number) => Math.max(0, Math.ceil((until - now) / 1000));

/**
 * Seconds until the next send to a destination is allowed: the provider's window after each
 * send (`resendCooldownSeconds`, default 30) or the server's `Retry-After` after a 429,
 * whichever is longer. Kept by the provider, so it survives a remount; re-renders once a second
 * while counting.
 *
 * @param key The destination: the `loginId` given to a send hook, or the new email or phone of an update.
 */
export function useResendCooldown(key: string): ResendCooldown {
  const { cooldowns } = usePasslinkContext('useResendCooldown');
  const until = useSyncExternalStore(
    cooldowns.subscribe,
    () => cooldowns.until(key),
    () => 0,
  );
  // The clock as of the last tick: the count is derived from it in render, so the first render
  // after a remount or a change of key is already right; the effect only ticks while counting.
  const [now, setNow] = useState(Date.now);
  const secondsLeft = secondsUntil(until, now);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      const at = Date.now();
      setNow(at);
      if (until > at) timer = setTimeout(tick, ((until - at) % 1000) + 1);
    };
    tick();
    return () => clearTimeout(timer);
  }, [until]);
  return { secondsLeft, canResend: secondsLeft === 0, sent: cooldowns.sent(key) };
}
