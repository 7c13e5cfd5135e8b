import { useId, useState, type ComponentPropsWithRef } from 'react';
import type { DeliveryMethod, MaskedResponse, Operation, SendArgs } from '../client';
import type { EnchantedLinkSendResult } from '../react/enchantedLinkSend';
import type { UseEnchantedLinkSessionOptions } from '../react/useEnchantedLinkSession';
import { useSend, type SendResult } from '../react/useSend';
import type { MessageSentEnchantedLink } from './EnchantedLink';
import type { VerifiedSession } from '../react/useVerifyOtp';
import { kindOf } from './FormParts';
import { LoginForm, operationsFor, type LoginMode, type SendOperations, type Via } from './LoginForm';
import { MessageSent } from './MessageSent';
import { StepHeading } from './Step';
import { useMessages } from './i18n';
import { useAnnouncer } from './hooks';
import type { MessageId } from '../i18n';

/**
 * "Email link (any device)", the enchanted link: `enchantedLinkMethod`. It brings its own parts
 * (the send operations and the waiting step), so an app that does not offer it does not ship them.
 */
export interface EnchantedLoginMethod {
  via: 'enchantedLink';
  method: 'email';
  /** The send operations (they mark the redirect `passlink=enchanted`). */
  operations: SendOperations;
  /** The waiting step: `MessageSentEnchantedLink`. */
  Waiting: typeof MessageSentEnchantedLink;
}

/**
 * One way to sign in that {@link PasswordlessLogin} offers: `{ via: 'magicLink' | 'otp', method }`,
 * or `enchantedLinkMethod` ("Email link (any device)": the email's link can be opened on any
 * device, and this screen signs in by itself).
 */
export type LoginMethod = { via: Exclude<Via, 'enchantedLink'>; method: DeliveryMethod } | EnchantedLoginMethod;

/** Props of {@link PasswordlessLogin}. */
export interface PasswordlessLoginProps extends Omit<ComponentPropsWithRef<'section'>, 'children'> {
  /**
   * The ways offered, in order; the first is selected. Default: email link, SMS link, voice
   * code.
   */
  methods?: LoginMethod[];
  /** Sign in, sign up, or either. Default: `'signUpOrIn'`. */
  mode?: LoginMode;
  /**
   * For links: the page with `<VerifyMagicLink>` (an enchanted link's gets `passlink=enchanted`
   * added, so that page confirms the sign-in for this one). Default: the project's redirect URL.
   */
  redirectUrl?: string | undefined;
  /**
   * Called after a code was verified, or an enchanted link was opened (on any device): the session
   * is stored. (Magic links complete on the verify page.)
   */
  onSignedIn?: (session: VerifiedSession) => void;
  /**
   * For enchanted links, how long to wait and how often to ask (see `useEnchantedLinkSession`).
   * Default: that hook's (every second, up to 10 minutes).
   */
  enchantedLinkOptions?: Omit<UseEnchantedLinkSessionOptions, 'onSuccess'>;
  /** The phone field's first country. Default: the browser's region. */
  defaultCountry?: string;
  /** Let the browser fill SMS codes (WebOTP). Default: false. */
  webOtp?: boolean;
  /** Digits in a code. Default: 6. */
  codeLength?: number;
  /** The heading level of each step. Default: 2. */
  headingLevel?: 1 | 2 | 3;
}

/** The default choice: email link, SMS link, voice code. */
export const defaultLoginMethods: LoginMethod[] = [
  { via: 'magicLink', method: 'email' },
  { via: 'magicLink', method: 'sms' },
  { via: 'otp', method: 'voice' },
];

/**
 * A complete passwordless sign-in, built only from passlink's public parts: a choice of
 * methods, the login form, the "message sent" step with resend and "use a different…", for
 * codes the code step, and for enchanted links the number to tap while this screen waits (it
 * signs in by itself; "Cancel" goes back to the form). Focus moves to each step's heading; status changes are announced.
 */
export function PasswordlessLogin({
  methods = defaultLoginMethods,
  mode = 'signUpOrIn',
  redirectUrl,
  onSignedIn,
  defaultCountry,
  webOtp = false,
  codeLength = 6,
  headingLevel = 2,
  enchantedLinkOptions,
  ...section
}: PasswordlessLoginProps) {
  const { t } = useMessages();
  const [choice, setChoice] = useState(0);
  const [sent, setSent] = useState<SendResult & Partial<EnchantedLinkSendResult>>();
  const [values, setValues] = useState<Partial<Record<'email' | 'phone', string>>>({});
  const [live, setLive] = useAnnouncer();
  const group = useId();
  const current: LoginMethod = methods[choice] ?? methods[0] ?? { via: 'magicLink', method: 'email' };
  const kind = kindOf(current.method);
  const operations = 'operations' in current ? current.operations : undefined;
  const resend = useSend('PasswordlessLogin', operationsFor(current.via, operations, 'PasswordlessLogin')[mode] as Operation<SendArgs<DeliveryMethod>, MaskedResponse>, {
    method: current.method,
    ...(redirectUrl ? { redirectUrl } : {}),
  });

  const step = sent ? 'sent' : 'form';
  return (
    <section data-passlink-flow="login" data-step={step} {...section}>
      <StepHeading step={step} level={headingLevel}>
        {t(sent ? `sent.title.${current.method}` : `login.title.${mode}`)}
      </StepHeading>
      {sent ? (
        <MessageSent.Root
          via={current.via}
          method={current.method}
          maskedDestination={sent.maskedDestination}
          cooldownKey={sent.loginId}
          // An enchanted link's resend is a new link: a new number to show and a new wait.
          resend={() => resend.mutateAsync({ loginId: sent.loginId }).then((result) => current.via === 'enchantedLink' && setSent(result))}
          onChangeDestination={() => setSent(undefined)}
          onVerified={(session) => onSignedIn?.(session)}
          onRestart={(message) => {
            setSent(undefined);
            setLive(message);
          }}
          announce={setLive}
        >
          <MessageSent.Description />
          {current.via === 'otp' ? <MessageSent.Code length={codeLength} webOtp={webOtp && current.method === 'sms'} /> : null}
          {current.via === 'enchantedLink' && sent.linkId && sent.pendingRef ? (
            <current.Waiting linkId={sent.linkId} pendingRef={sent.pendingRef} sessionOptions={enchantedLinkOptions} />
          ) : null}
          <div data-passlink-actions="">
            <MessageSent.Resend />
            <MessageSent.ChangeDestination />
          </div>
        </MessageSent.Root>
      ) : (
        <>
          {methods.length > 1 ? (
            <fieldset data-passlink-methods="">
              <legend>{t('login.method.label')}</legend>
              {methods.map((option, index) => (
                <label key={`${option.via}-${option.method}`} data-passlink-method="" data-checked={index === choice ? '' : undefined}>
                  <input type="radio" name={group} checked={index === choice} onChange={() => setChoice(index)} />
                  {t(`login.method.${option.method}.${option.via}` as MessageId)}
                </label>
              ))}
            </fieldset>
          ) : null}
          <LoginForm.Root
            key={`${current.via}-${current.method}`}
            via={current.via}
            method={current.method}
            mode={mode}
            operations={operations}
            redirectUrl={redirectUrl}
            defaultLoginId={values[kind] ?? ''}
            onSent={(result) => {
              setValues((previous) => ({ ...previous, [kind]: result.loginId }));
              setLive('');
              setSent(result);
            }}
          >
            <LoginForm.LoginIdField {...(defaultCountry ? { defaultCountry } : {})} />
            <LoginForm.Error />
            <LoginForm.Submit />
          </LoginForm.Root>
        </>
      )}
      <p role="status" data-passlink-live="">
        {live}
      </p>
    </section>
  );
}
