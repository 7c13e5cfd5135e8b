/** passlink's English, but for {@link enchantedEn}. */
const base = {
  // Fields
  'field.email.label': 'Email address',
  'field.phone.label': 'Phone number',
  'field.phone.country': 'Country or region',
  'field.code.label': 'Verification code',
  'field.code.hint': 'Enter the {length}-digit code.',

  // Login form
  'login.title.signIn': 'Sign in',
  'login.title.signUp': 'Create your account',
  'login.title.signUpOrIn': 'Sign in or create an account',
  'login.submit.link': 'Send me a link',
  'login.submit.code': 'Send me a code',
  'login.submit.call': 'Call me with the code',
  'login.submit.pending': 'Sending…',
  'login.submit.retryIn': 'Try again in {seconds}',
  'login.method.label': 'How would you like to sign in?',
  'login.method.email.magicLink': 'Link by email',
  'login.method.sms.magicLink': 'Link by text message',
  'login.method.whatsapp.magicLink': 'Link by WhatsApp',
  'login.method.email.otp': 'Code by email',
  'login.method.sms.otp': 'Code by text message',
  'login.method.voice.otp': 'Code by phone call',
  'login.method.whatsapp.otp': 'Code by WhatsApp',
  'login.method.email.enchantedLink': 'Email link (any device)',

  // "Message sent"
  'sent.title.email': 'Check your email',
  'sent.title.sms': 'Check your messages',
  'sent.title.voice': 'Answer your phone',
  'sent.title.whatsapp': 'Check WhatsApp',
  'sent.link': 'We sent a link to {destination}. Open it on this device to continue.',
  'sent.enchantedLink': 'We sent an email to {destination}. Open it on any device and select the link showing this number:',
  'sent.code': 'We sent a code to {destination}.',
  'sent.call': 'We are calling {destination} to read you a code.',
  'sent.resend': 'Send again',
  'sent.resendIn': 'Send again in {seconds}',
  'sent.resent': 'Sent again.',
  'sent.change.email': 'Use a different email address',
  'sent.change.phone': 'Use a different phone number',
  'sent.cancel': 'Cancel',

  'code.submit': 'Verify',
  'code.pending': 'Verifying…',
  'code.wrong': 'That code is not right. Check it and try again.',
  'code.tooMany': 'Too many wrong codes. Request a new one.',
  'code.verified': 'Code accepted.',
  'code.hintTo': 'Enter the {length}-digit code we sent to {destination}.',
  'code.incomplete': 'Enter all {length} digits of the code.',

  // Verify page
  'verify.title.done': 'Signed in',
  'verify.title.failed': 'This link did not work',
  'verify.title': 'Signing you in',
  'verify.verifying': 'Checking your link…',
  'verify.confirm.title': 'Finish signing in',
  'verify.confirm.text': 'To finish signing in on this device, select Continue signing in.',
  'verify.confirm.button': 'Continue signing in',
  'verify.success': 'You are signed in.',
  'verify.expired': 'This link has expired. Request a new one.',
  'verify.used': 'This link was already used. Request a new one.',
  'verify.invalid': 'This link is not valid. Request a new one.',
  'verify.missing': 'This link is incomplete. Open the whole link from your message.',
  'verify.retry': 'Try again',
  'verify.signedIn': 'You are already signed in.',
  'verify.ambiguous': 'This link is not valid and was not used. Request a new one.',
  'verify.enchanted.title': 'Sign-in confirmed',
  'verify.enchanted.success': 'You are signed in on your other device. You can close this tab.',
  'verify.enchanted.confirm.text': 'To finish signing in on the device that asked for this link, select Continue signing in.',
  'verify.enchanted.wrong': 'This link cannot sign you in: it is not the one showing the number on your sign-in screen, or it is not valid. Start again there.',

  // Contact updates
  'update.email.title': 'Change your email address',
  'update.phone.title': 'Change your phone number',
  'update.current': 'Current: {value}',
  'update.none': 'none',
  'update.email.new': 'New email address',
  'update.phone.new': 'New phone number',
  'update.submit': 'Continue',
  'update.done.email': 'Your email address is now {value}.',
  'update.done.phone': 'Your phone number is now {value}.',
  'update.again': 'Change it again',
  'update.signedOut': 'Sign in to change your contact details.',
  'update.loginIdNote.email': 'You can then also sign in with this email address.',
  'update.loginIdNote.phone': 'You can then also sign in with this phone number.',
  'update.taken.email': 'This email address belongs to another account, so nothing was changed. Use another address.',
  'update.taken.phone': 'This phone number belongs to another account, so nothing was changed. Use another number.',

  // Input refused before sending (ids from the client's InputError)
  'input.email.required': 'Enter your email address.',
  'input.phone.required': 'Enter your phone number.',
  'input.loginId.required': 'Enter your email address or phone number.',
  'input.email.invalid': 'Enter a valid email address, like name@example.com.',
  'input.email.spaces': 'Remove the spaces from the email address.',
  'input.email.at': 'An email address has exactly one @, like name@example.com.',
  'input.email.domain': 'The address needs a domain like example.com after the @.',
  'input.phone.invalid': 'Enter a valid phone number.',
  'input.phone.countryCode': 'Start with + and the country code, like +44 7700 900123.',
  'input.code.required': 'Enter the code.',
  'input.token.required': 'This link is incomplete. Open the whole link from your message.',
  'input.method.unsupported': 'This way of signing in is not available.',
  'input.refreshJwt.required': 'Sign in again to continue.',
  'input.redirectUrl.token': 'The link address already has a sign-in token, so no link was sent.',
  'input.invalid': 'Check what you entered and try again.',

  // Errors from the API and the network
  'error.wrongCode': 'That code is not right. Check it and try again.',
  'error.tooManyAttempts': 'Too many wrong codes. Request a new one.',
  'error.codeExpired': 'This code has expired. Request a new one.',
  'error.userExists': 'An account already has this email address or phone number. Sign in instead.',
  'error.userNotFound': 'No account has this email address or phone number. Check it, or create an account.',
  'error.linkExpired': 'This link has expired. Request a new one.',
  'error.linkUsed': 'This link was already used. Request a new one.',
  'error.linkInvalid': 'This link is not valid. Request a new one.',
  'error.linkPending': 'The link in your email has not been opened yet.',
  'error.sessionEnded': 'Your session has ended. Sign in again.',
  'error.rateLimited': 'Too many attempts. Try again in {seconds}.',
  'error.rateLimitedSoon': 'Too many attempts. Wait a moment and try again.',
  'error.validation': 'Check what you entered and try again.',
  'error.network': 'We could not reach the server. Check your connection and try again.',
  'error.timeout': 'The server took too long to answer. Try again.',
  'error.server': 'Something went wrong on our side. Try again in a moment.',
  'error.unknown': 'Something went wrong. Try again.',
  'session.signedOut': 'Sign in first.',
} as const;

/**
 * The English of the enchanted link's waiting step (`MessageSentEnchantedLink`). It travels with
 * that part, which gives it to the translator as the last fallback: an app that does not offer
 * enchanted links does not ship it. `en` and every other catalog still carry these ids.
 */
export const enchantedEn = {
  'enchanted.announce': 'Open the email and select the link showing {number}.',
  'enchanted.waiting': 'Waiting for you to open the link…',
  'enchanted.reconnecting': 'We cannot reach the server. We keep trying…',
  'enchanted.signedIn': 'Link opened. You are signed in.',
  'enchanted.timeout': 'This link has expired. Send a new one to continue.',
  'enchanted.wrongLink': 'A link with another number was opened, so this sign-in was stopped. Send a new link.',

} as const;

/**
 * passlink's English without the enchanted link's waiting step ({@link enchantedEn}): the
 * translator's fallback.
 */
export const englishBase: Partial<Catalog> = base;

/**
 * The English catalog, and the source of every message id. Ids are stable: an app overrides a
 * message by id, and a translation must cover every id (the type checks it).
 *
 * Placeholders: `{destination}` (a masked phone or email), `{seconds}` (formatted with
 * `Intl.NumberFormat` as a duration, e.g. "30 seconds"), `{length}` (a number), `{value}`,
 * `{number}` (an enchanted link's number, a string shown as it is: the email shows the same digits).
 */
export const en: typeof base & typeof enchantedEn = /* @__PURE__ */ Object.assign({}, base, enchantedEn);

/** A stable message id. */
export type MessageId = keyof typeof en;

/** A complete catalog: every id has a message. */
export type Catalog = Record<MessageId, string>;
