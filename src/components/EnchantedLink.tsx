import { useEffect, useRef, type ComponentPropsWithRef } from 'react';
import { errorSituations } from '../contract';
import type { MessageId, MessageValues } from '../i18n';
import { enchantedEn } from '../i18n/en';
import { enchantedSendOperations } from '../react/enchantedLinkSend';
import { useEnchantedLinkSession, type UseEnchantedLinkSessionOptions } from '../react/useEnchantedLinkSession';
import { MessageSentContext } from './MessageSent';
import { explain, useMessages } from './i18n';
import { useLatest } from './hooks';
import type { SendOperations } from './LoginForm';
import type { EnchantedLoginMethod } from './PasswordlessLogin';

/** Props of {@link MessageSentEnchantedLink}. */
export interface MessageSentEnchantedLinkProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** The number the right link in the email shows: the send's `linkId` (required). */
  linkId: string;
  /** What to wait on: the send's `pendingRef` (required). A new one (after a resend) starts a new wait. */
  pendingRef: string;
  /**
   * How to wait: `intervalMs`, `maxIntervalMs`, `timeoutSeconds` (see `useEnchantedLinkSession`).
   * Default: that hook's defaults (every second, up to 10 minutes).
   */
  sessionOptions?: Omit<UseEnchantedLinkSessionOptions, 'onSuccess'> | undefined;
}

/**
 * The waiting part of the "check your email" step of an enchanted link (inside
 * `MessageSent.Root via="enchantedLink"`): the number to tap, large and left-to-right isolated
 * (`<bdi dir="ltr">`), announced in the step's live region each time a new one is shown. It
 * signs in by itself when the link is opened on any device (then the root's `onVerified`). A
 * lost connection says so and keeps trying; an expired link, a link with another number opened
 * (the attempt is then over) or any other failure is explained: send a new link with
 * `MessageSent.Resend`. Failures are announced (`role="alert"`) and take focus. `data-state`: `pending`, `success`, `timeout`,
 * `error`.
 */
export function MessageSentEnchantedLink({ linkId, pendingRef, sessionOptions, ...div }: MessageSentEnchantedLinkProps) {
  const { onVerified, announce, errorCodes } = MessageSentContext.use('MessageSentEnchantedLink');
  const { t: translate, codes } = useMessages();
  // This step's English travels with it (`enchantedEn`): the catalogs' messages first.
  const t = (id: MessageId, values?: MessageValues) => translate(id, values, enchantedEn[id as keyof typeof enchantedEn]);
  const session = useEnchantedLinkSession(pendingRef, {
    ...sessionOptions,
    onSuccess: (data) => {
      announce(t('enchanted.signedIn'));
      onVerified?.(data);
    },
  });
  const { status } = session;
  const failed = status === 'timeout' || status === 'error';

  // Each new number is said once (the first, and the one after each resend). The isolates keep
  // it left to right inside a right-to-left sentence.
  // (Only then: not again when an app passes new `messages` on every render.)
  const latest = useLatest(translate);
  useEffect(() => {
    announce(latest.current('enchanted.announce', { number: `\u2066${linkId}\u2069` }, enchantedEn['enchanted.announce']));
  }, [linkId, announce, latest]);

  // A failure takes focus: the number is gone, and what to do next is here.
  const alert = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (failed) alert.current?.focus();
  }, [failed]);

  return (
    <div data-passlink-enchanted="" data-state={status} {...div}>
      {status === 'pending' || status === 'idle' ? (
        <>
          <p data-passlink-link-number="">
            <bdi dir="ltr">{linkId}</bdi>
          </p>
          <p role="status" data-passlink-waiting="">
            {t(session.reconnecting ? 'enchanted.reconnecting' : 'enchanted.waiting')}
          </p>
        </>
      ) : status === 'success' ? (
        <p data-passlink-done="">{t('enchanted.signedIn')}</p>
      ) : null}
      {/* Present while empty, so that a failure is announced when it appears. */}
      <p ref={alert} tabIndex={-1} role="alert" data-passlink-form-error="">
        {status === 'timeout'
          ? t('enchanted.timeout')
          : status === 'error'
            ? explain({ t, codes: { [errorSituations.linkWrong]: 'enchanted.wrongLink', ...codes } }, session.error, errorCodes)
            : null}
      </p>
    </div>
  );
}

/**
 * "Email link (any device)" for `PasswordlessLogin`'s `methods`: `methods={[...defaultLoginMethods,
 * enchantedLinkMethod]}`. An enchanted link goes by email; the user opens it on any device and
 * taps the link showing the number this screen shows, and this screen signs in by itself. It
 * brings its parts (the send operations, which mark the redirect `passlink=enchanted`, and
 * {@link MessageSentEnchantedLink}), so apps that do not offer it do not ship them. For a
 * `LoginForm.Root via="enchantedLink"`, pass `operations={enchantedLinkMethod.operations}`.
 */
export const enchantedLinkMethod: EnchantedLoginMethod = {
  via: 'enchantedLink',
  method: 'email',
  operations: enchantedSendOperations as SendOperations,
  Waiting: MessageSentEnchantedLink,
};
