import { useEffect, useSyncExternalStore, type ComponentPropsWithRef, type ReactNode } from 'react';
import { ApiError, NetworkError, TimeoutError, ResponseFormatError, enchantedLinkVerify, magicLinkVerify } from '../client';
import { errorSituations } from '../contract';
import type { MessageId } from '../i18n';
import { useSession } from '../react/useSession';
import { useTokenVerification } from '../react/useVerifyToken';
import { hasEnchantedLinkMarker } from '../react/useVerifyEnchantedLink';
import type { VerifiedSession } from '../react/useVerifyOtp';
import { explain, useMessages } from './i18n';
import { useLatest } from './hooks';
import { StepHeading } from './Step';

/** What the page shows: `data-state` on its root. */
export type VerifyPageState = 'verifying' | 'confirm' | 'success' | 'expired' | 'used' | 'invalid' | 'error';

/** Props of {@link VerifyMagicLink}. */
export interface VerifyMagicLinkProps extends Omit<ComponentPropsWithRef<'section'>, 'children'> {
  /**
   * Verify only when the user presses "Continue signing in", so that mail scanners and link
   * previews that open the link cannot spend the token. Default: false.
   */
  requireConfirmation?: boolean;
  /**
   * What the link is: a magic link (verifying it signs this tab in) or an enchanted link
   * (verifying it signs in the device that asked for it, never this tab: the page then says "You
   * are signed in on your other device. You can close this tab."). Default: `'enchantedLink'`
   * when the address carries `passlink=enchanted` (the enchanted-link hooks and `PasswordlessLogin`
   * add it to their `redirectUrl`), else `'magicLink'`.
   */
  kind?: 'magicLink' | 'enchantedLink';
  /** Called once after a magic link was verified (the session is stored). Not for enchanted links. */
  onSuccess?: (result: VerifiedSession) => void;
  /**
   * After a magic link's success (and `onSuccess`), go to this same-origin path, e.g.
   * `'/account'`. Anything else (another origin, `//host`, `javascript:`) is ignored. Not for
   * enchanted links (this tab is not signed in). Default: stay on the page.
   */
  redirectTo?: string | undefined;
  /** The token, when not in the URL. Default: the URL's `param`. */
  token?: string;
  /** The URL parameter holding the token. Default: `'t'`. */
  param?: string;
  /** The heading's level. Default: 1 (this is usually a page of its own). */
  headingLevel?: 1 | 2 | 3;
  /** Shown after an expired, used or invalid link, e.g. a link back to the sign-in page. Default: none. */
  recovery?: ReactNode;
}

/** Verifications whose `onSuccess` and redirect already ran: a remount (Back) never repeats them. */
const reported = new WeakSet<object>();

const noSubscription = () => () => {};

/** A same-origin path: starts with one `/`, no scheme, no host. */
export const isSafePath = (path: string) => /^\/(?![/\\])[^\s\\]*$/.test(path);

/**
 * The page a magic link or an enchanted link opens (see `kind`). An enchanted link is confirmed
 * for the device that asked for it and never signs this tab in: success then says "You are signed
 * in on your other device. You can close this tab." States: verifying, confirm (with `requireConfirmation`), success
 * (then `onSuccess` and/or a redirect to a same-origin path), expired, already used, invalid, and
 * a network or server error with "Try again". The token leaves the address bar before the
 * request. A link carrying more than one token (a login-CSRF attempt) is refused whole and
 * spends nothing. Back or reload after signing in shows the signed-in state (`onSuccess` and the
 * redirect run once per verification, never again on a revisit). Focus moves to the heading
 * when the state changes; the state is announced.
 */
export function VerifyMagicLink({
  kind,
  requireConfirmation = false,
  onSuccess,
  redirectTo,
  token,
  param = 't',
  headingLevel = 1,
  recovery,
  ...section
}: VerifyMagicLinkProps) {
  const messages = useMessages();
  const { t } = messages;
  // The marker is read in the browser only (false on the server and while hydrating, when the
  // token is not read yet either: nothing is verified before the kind is known).
  const marked = useSyncExternalStore(noSubscription, hasEnchantedLinkMarker, () => false);
  const linkKind = kind ?? (marked ? 'enchantedLink' : 'magicLink');
  const enchanted = linkKind === 'enchantedLink';
  const verification = useTokenVerification(
    { enabled: !requireConfirmation, param, ...(token !== undefined ? { token } : {}) },
    undefined,
    enchanted ? enchantedLinkVerify : magicLinkVerify,
  );
  const { status, error, data } = verification;
  const session = useSession();
  const apiCode = error instanceof ApiError ? error.code : undefined;
  // Back or reload after signing in (the token has left the address), a tokenless visit, or a
  // link already spent by this same user in another tab: a signed-in user is told so, never that
  // "the link did not work". (An enchanted link never signed this tab in: after it, Back or
  // reload says again that the other device is signed in.)
  const revisit =
    !enchanted && (status === 'completed' || status === 'missing' || (status === 'error' && apiCode === errorSituations.tokenUsed));
  const signedIn = revisit && session.isAuthenticated;

  const state: VerifyPageState =
    status === 'reading' || status === 'verifying' || (revisit && (session.status === 'loading' || session.status === 'refreshing'))
      ? 'verifying'
      : status === 'ready'
        ? 'confirm'
        : status === 'success' || signedIn || (enchanted && status === 'completed')
          ? 'success'
          : status === 'completed'
            ? 'used'
            : status === 'missing' || status === 'refused'
            ? 'invalid'
            : apiCode === errorSituations.tokenExpired
              ? 'expired'
              : apiCode === errorSituations.tokenUsed
                ? 'used'
                : apiCode === errorSituations.tokenUnknown
                  ? 'invalid'
                  : 'error';
  // A title for each state that went well; the others say "This link did not work".
  const titles: Partial<Record<VerifyPageState, MessageId>> = {
    verifying: 'verify.title',
    confirm: 'verify.confirm.title',
    success: enchanted ? 'verify.enchanted.title' : 'verify.title.done',
  };
  const title = titles[state];
  const failed = !title;
  const retryable = error instanceof NetworkError || error instanceof TimeoutError || error instanceof ResponseFormatError || (error instanceof ApiError && error.status >= 500);

  const messageIds: Record<Exclude<VerifyPageState, 'error'>, MessageId> = {
    verifying: 'verify.verifying',
    confirm: enchanted ? 'verify.enchanted.confirm.text' : 'verify.confirm.text',
    success: enchanted ? 'verify.enchanted.success' : signedIn ? 'verify.signedIn' : 'verify.success',
    expired: 'verify.expired',
    used: 'verify.used',
    invalid: status === 'missing' ? 'verify.missing' : status === 'refused' ? 'verify.ambiguous' : enchanted && apiCode === errorSituations.linkWrong ? 'verify.enchanted.wrong' : 'verify.invalid',
  };
  const message = state === 'error' ? explain(messages, error) : t(messageIds[state]);

  const latest = useLatest(onSuccess);
  useEffect(() => {
    // An enchanted link signed in another device: nothing to report here, nowhere to go.
    if (status !== 'success' || enchanted || !data || reported.has(data)) return;
    reported.add(data);
    latest.current?.(data);
    if (redirectTo && isSafePath(redirectTo)) location.assign(redirectTo);
  }, [status, enchanted, data, redirectTo, latest]);

  return (
    <section data-passlink-verify="" data-kind={linkKind} data-state={state} aria-busy={state === 'verifying' || undefined} {...section}>
      <StepHeading step={state} level={headingLevel}>
        {t(title ?? 'verify.title.failed')}
      </StepHeading>
      {/* Two regions that stay in place (a region whose role changes with its text is announced
          unreliably): progress and success are polite, failures assertive. */}
      <p role="status" data-passlink-message="" hidden={failed || undefined}>
        {failed ? null : message}
      </p>
      <p role="alert" data-passlink-message="" hidden={!failed || undefined}>
        {failed ? message : null}
      </p>
      {state === 'confirm' ? (
        <button type="button" data-passlink-submit="" onClick={verification.verify}>
          {t('verify.confirm.button')}
        </button>
      ) : null}
      {state === 'error' && retryable ? (
        <button type="button" data-passlink-retry="" onClick={verification.verify}>
          {t('verify.retry')}
        </button>
      ) : null}
      {failed && state !== 'error' && recovery ? <div data-passlink-recovery="">{recovery}</div> : null}
    </section>
  );
}
