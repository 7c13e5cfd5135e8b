import { useEffect, useState, useSyncExternalStore } from 'react';
import { usePasslinkContext } from './context';

/** What {@link useResendCooldown} returns. */
export interface ResendCooldown {
  /** Whole seconds until the next send is allowed; 0 when it is. */
  secondsLeft: number;
  /** True when a send is allowed now. */
  canResend: boolean;
}

const secondsUntil = (until: number) => Math.max(0, Math.ceil((until - Date.now()) / 1000));

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
  const [secondsLeft, setSecondsLeft] = useState(0);
  useEffect(() => {
    const tick = () => {
      const left = secondsUntil(until);
      setSecondsLeft(left);
      if (left) timer = setTimeout(tick, ((until - Date.now()) % 1000) + 1 || 1000);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    tick();
    return () => clearTimeout(timer);
  }, [until]);
  return { secondsLeft, canResend: secondsLeft === 0 };
}
