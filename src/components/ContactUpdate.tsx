import { useState, type ComponentPropsWithRef } from 'react';
import { useForm } from 'react-hook-form';
import type { MagicLinkPhoneMethod, OtpPhoneMethod } from '../client';
import { errorSituations, normalizeLoginId } from '../contract';
import type { MessageId } from '../i18n';
import { useSession } from '../react/useSession';
import { useUpdateEmail } from '../react/useUpdateEmail';
import { useUpdatePhone } from '../react/useUpdatePhone';
import type { SendResult } from '../react/useSend';
import { AddressField, ErrorText, type AddressValues } from './FormParts';
import { MessageSent } from './MessageSent';
import { StepHeading } from './Step';
import { useMessages } from './i18n';
import { useAnnouncer, useSubmitGuard } from './hooks';

interface UpdateFlowProps extends Omit<ComponentPropsWithRef<'section'>, 'children'> {
  /** Called after the new value was verified (for a code; a link completes on the verify page). */
  onUpdated?: (value: string) => void;
  /** The heading level of each step. Default: 2. */
  headingLevel?: 1 | 2 | 3;
  /** Digits in a code. Default: 6. */
  codeLength?: number;
  /**
   * Make the verified address a login id too, so that signing in with it later reaches this same
   * account; the form says so. Default: true.
   */
  addToLoginIds?: boolean;
  /**
   * When the address is already another account's login id: refuse with a message ("belongs to
   * another account") and change nothing. Set false to let Descope merge the two accounts (only
   * for an app designed for merges). Default: true, unless `onMergeUseExisting`.
   */
  failOnConflict?: boolean;
  /** With `failOnConflict: false`: merge this account into the other one rather than the reverse. Default: false. */
  onMergeUseExisting?: boolean;
}

/** Props of {@link UpdateEmail}. */
export interface UpdateEmailProps extends UpdateFlowProps {
  /** Verify the new address by a code or a link. Default: `'otp'`. */
  via?: 'otp' | 'magicLink';
  /** For links: the page with `<VerifyMagicLink>`. Default: the project's redirect URL. */
  redirectUrl?: string | undefined;
}

/** Props of {@link UpdatePhone}. */
export interface UpdatePhoneProps extends UpdateFlowProps {
  /** Verify the new number by a code or a link. Default: `'otp'`. */
  via?: 'otp' | 'magicLink';
  /** `'sms'`, `'voice'` or `'whatsapp'` for codes; `'sms'` or `'whatsapp'` for links. Default: `'sms'`. */
  method?: OtpPhoneMethod | MagicLinkPhoneMethod;
  /** For links: the page with `<VerifyMagicLink>`. Default: the project's redirect URL. */
  redirectUrl?: string | undefined;
  /** The phone field's first country. Default: the browser's region. */
  defaultCountry?: string;
}

type Kind = 'email' | 'phone';

/** The steps every update shares: current value, new value, sent, verified. */
function UpdateFlow({
  kind,
  via,
  method,
  mutation,
  onUpdated,
  headingLevel = 2,
  codeLength = 6,
  addToLoginIds = true,
  defaultCountry,
  ...section
}: Omit<UpdateFlowProps, 'onMergeUseExisting' | 'failOnConflict'> & {
  kind: Kind;
  via: 'otp' | 'magicLink';
  method: 'email' | OtpPhoneMethod;
  mutation: ReturnType<typeof useUpdateEmail> | ReturnType<typeof useUpdatePhone>;
  defaultCountry?: string | undefined;
}) {
  const { t } = useMessages();
  const session = useSession();
  const [sent, setSent] = useState<SendResult & { value: string }>();
  const [done, setDone] = useState<string>();
  const [live, setLive] = useAnnouncer();
  const form = useForm<AddressValues>({ defaultValues: { address: '' } });
  const title = t(kind === 'email' ? 'update.email.title' : 'update.phone.title');
  // "Belongs to another account" rather than the sign-up wording of the same code.
  const errorCodes: Record<string, MessageId> = { [errorSituations.loginIdTaken]: kind === 'email' ? 'update.taken.email' : 'update.taken.phone' };

  const onSubmit = useSubmitGuard(
    form.handleSubmit(async () => {
      try {
        setSent(await send(normalizeLoginId(form.getValues('address'))));
      } catch {
        // Shown below from the mutation's error; the typed value stays.
      }
    }),
  );

  const send = (value: string) =>
    (kind === 'email'
      ? (mutation as ReturnType<typeof useUpdateEmail>).mutateAsync({ email: value })
      : (mutation as ReturnType<typeof useUpdatePhone>).mutateAsync({ phone: value })
    ).then((result) => ({ ...result, value }));

  // An expired session being refreshed is not signed out: show nothing rather than "sign in".
  if (session.status === 'loading' || session.status === 'refreshing') return null;
  if (!session.isAuthenticated) {
    return (
      <section data-passlink-flow={`update-${kind}`} data-step="signed-out" {...section}>
        <StepHeading step="signed-out" level={headingLevel}>
          {title}
        </StepHeading>
        <p role="status" data-passlink-message="">
          {t('update.signedOut')}
        </p>
      </section>
    );
  }

  const current = (kind === 'email' ? session.user?.email : session.user?.phone) || t('update.none');
  const step = done ? 'done' : sent ? 'sent' : 'form';
  return (
    <section data-passlink-flow={`update-${kind}`} data-step={step} {...section}>
      <StepHeading step={step} level={headingLevel}>
        {title}
      </StepHeading>
      {/* One region for what happened (sent again, the change done …), under the heading: the
          done step's text is said and shown once, here. */}
      <p role="status" data-passlink-live="">
        {live}
      </p>
      {done ? (
        <>
          <button
            type="button"
            data-passlink-again=""
            onClick={() => {
              setDone(undefined);
              setSent(undefined);
              form.reset({ address: '' });
            }}
          >
            {t('update.again')}
          </button>
        </>
      ) : sent ? (
        <MessageSent.Root
          via={via}
          method={method}
          maskedDestination={sent.maskedDestination}
          cooldownKey={sent.value}
          verifyLoginId={sent.loginId}
          resend={() => send(sent.value)}
          onChangeDestination={() => setSent(undefined)}
          onVerified={() => {
            setDone(sent.value);
            setLive(t(kind === 'email' ? 'update.done.email' : 'update.done.phone', { value: sent.value }));
            onUpdated?.(sent.value);
          }}
          onRestart={(message) => {
            setSent(undefined);
            setLive(message);
          }}
          announce={setLive}
          errorCodes={errorCodes}
        >
          <MessageSent.Description />
          {via === 'otp' ? <MessageSent.Code length={codeLength} /> : null}
          <div data-passlink-actions="">
            <MessageSent.Resend />
            <MessageSent.ChangeDestination />
          </div>
        </MessageSent.Root>
      ) : (
        <form
          noValidate
          data-passlink-update-form=""
          data-state={mutation.isPending ? 'pending' : mutation.isError ? 'error' : 'idle'}
          onSubmit={onSubmit}
        >
          <p data-passlink-current="">{t('update.current', { value: current })}</p>
          <AddressField
            form={form}
            kind={kind}
            label={t(kind === 'email' ? 'update.email.new' : 'update.phone.new')}
            {...(addToLoginIds ? { description: t(kind === 'email' ? 'update.loginIdNote.email' : 'update.loginIdNote.phone') } : {})}
            {...(defaultCountry ? { defaultCountry } : {})}
          />
          <ErrorText error={mutation.error} codes={errorCodes} />
          <button type="submit" data-passlink-submit="" data-pending={mutation.isPending ? '' : undefined} aria-disabled={mutation.isPending || undefined}>
            {mutation.isPending ? t('login.submit.pending') : t('update.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * Changes a signed-in user's email address: current value, new value, "check your email", the
 * code (or a link), done. The new address also becomes a login id (`addToLoginIds`, default
 * true), and the form says so; an address that is another account's login id is refused with a
 * message and nothing changes (`failOnConflict`, default true). Signed out, it says so and sends
 * nothing.
 */
export function UpdateEmail({ via = 'otp', redirectUrl, addToLoginIds = true, onMergeUseExisting = false, failOnConflict = !onMergeUseExisting, ...props }: UpdateEmailProps) {
  const mutation = useUpdateEmail({ via, addToLoginIds, onMergeUseExisting, failOnConflict, ...(redirectUrl ? { redirectUrl } : {}) });
  return <UpdateFlow kind="email" via={via} method="email" mutation={mutation} addToLoginIds={addToLoginIds} {...props} />;
}

/**
 * Changes a signed-in user's phone number, verified by a code (SMS, voice, WhatsApp) or a link
 * (SMS, WhatsApp). The new number also becomes a login id (`addToLoginIds`, default true), so
 * signing in with it reaches this account; a number that is another account's login id is refused
 * with a message and nothing changes (`failOnConflict`, default true). Signed out, it says so and
 * sends nothing.
 */
export function UpdatePhone({
  via = 'otp',
  method = 'sms',
  redirectUrl,
  defaultCountry,
  addToLoginIds = true,
  onMergeUseExisting = false,
  failOnConflict = !onMergeUseExisting,
  ...props
}: UpdatePhoneProps) {
  const options = { addToLoginIds, onMergeUseExisting, failOnConflict };
  const mutation = useUpdatePhone(
    via === 'otp'
      ? { via, method, ...options }
      : { via, method: method === 'voice' ? 'sms' : method, ...options, ...(redirectUrl ? { redirectUrl } : {}) },
  );
  return (
    <UpdateFlow kind="phone" via={via} method={method} mutation={mutation} defaultCountry={defaultCountry} addToLoginIds={addToLoginIds} {...props} />
  );
}

/** Props of {@link ContactUpdate}. */
export interface ContactUpdateProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** Props for the email part. Default: codes by email. */
  email?: UpdateEmailProps;
  /** Props for the phone part. Default: codes by SMS. */
  phone?: UpdatePhoneProps;
}

/** The account page's contact details: {@link UpdateEmail} and {@link UpdatePhone} together. */
export function ContactUpdate({ email, phone, ...div }: ContactUpdateProps) {
  return (
    <div data-passlink-contact-update="" {...div}>
      <UpdateEmail {...email} />
      <UpdatePhone {...phone} />
    </div>
  );
}
