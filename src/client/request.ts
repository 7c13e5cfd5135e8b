import type * as z from 'zod/mini';
// A named import: see the note on zod imports in ../contract/schemas.
import { safeParse } from 'zod/mini';
import {
  emailProblem,
  ERROR_CODE_PATTERN,
  errorBody,
  normalizeEmail,
  normalizePhone,
  phoneProblem,
  type Endpoint,
  type ErrorBody,
  type InputMessageId,
} from '../contract';
import { ApiError, InputError, NetworkError, ResponseFormatError, TimeoutError } from './errors';

/** A resolved client configuration: what every call needs to reach the API. Make one with `createTransport`. */
export interface Transport {
  projectId: string;
  baseUrl: string;
  fetch: typeof fetch | undefined;
  timeoutMs: number;
  headers: Record<string, string>;
  credentials: RequestCredentials;
  retryDelaysMs: readonly number[];
  sessionCookies: boolean;
}

/** The arguments operations share; the rest of an operation's arguments form the body. */
export interface CallArgs {
  method?: string;
  refreshJwt?: string;
  signal?: AbortSignal;
  redirectUrl?: unknown;
  addToLoginIds?: boolean;
  loginId?: unknown;
  email?: unknown;
  phone?: unknown;
  user?: { email?: unknown; phone?: unknown } | null;
  loginOptions?: { stepup?: boolean; mfa?: boolean };
}

/**
 * A check an operation makes on (a copy of) its arguments before anything is sent: it throws an
 * `InputError`, or normalises what it checked. Each operation lists the checks it needs, so a
 * bundle carries only the checks of the operations it calls.
 */
export type Check = (args: CallArgs) => void;


/** Seconds from a `Retry-After` header: a number of seconds or an HTTP date; undefined when empty or unreadable. */
const retryAfter = (value: string | null): number | undefined => {
  const seconds = value?.trim() ? Math.max(0, Math.ceil(isNaN(+value) ? (Date.parse(value) - Date.now()) / 1000 : +value)) : NaN;
  return seconds >= 0 ? seconds : undefined;
};

/**
 * An email (`isEmail` true) or phone (false) argument, checked and normalised; anything but a
 * string is left as it is (for the schema to judge).
 */
const checked = (field: string, value: unknown, isEmail: boolean): unknown => {
  if (typeof value != 'string') return value;
  const problem = (isEmail ? emailProblem : phoneProblem)(value);
  if (problem) throw new InputError(field, problem);
  return (isEmail ? normalizeEmail : normalizePhone)(value);
};

/**
 * Every operation with a login id: it is normalised as `normalizeLoginId` does, and one that
 * looks like an address must be a good one: with an `@`, a good email address (`emailProblem`);
 * starting with `+`, a good phone number (`phoneProblem`). Any other login id is a username,
 * which Descope allows (a sign-in sends wherever the server finds the user's address); it is
 * sent trimmed.
 */
export const checkLoginId: Check = (args) => {
  const id = args.loginId;
  // normalizeLoginId's three cases, each address normalised by the check it passes.
  if (typeof id == 'string') args.loginId = /@|^\s*\+/.test(id) ? checked('loginId', id, id.includes('@')) : id.trim();
};

/** Sign-up and sign-up-or-in: `user.email` and `user.phone` must be good when given, and are sent normalised. */
export const checkUser: Check = (args) => {
  const { user } = args;
  if (user && typeof user == 'object') {
    args.user = { ...user, email: checked('user.email', user.email, true), phone: checked('user.phone', user.phone, false) };
  }
};

/**
 * Sign-up: the user is new, so the message goes to `user.email` (by email, or an enchanted link,
 * which has no `method`) or `user.phone` (SMS, voice, WhatsApp) when given, else to the login id,
 * which must then be a good address for the channel. (A sign-up-or-in may reach an existing user, whose address the server looks up, so
 * like a sign-in it takes any login id.)
 */
export const checkDestination: Check = ({ loginId, user, method }) => {
  // No method: an enchanted link, by email.
  const byPhone = !!method && method != 'email';
  if (loginId && (byPhone ? user?.phone : user?.email) === undefined) checked('loginId', loginId, !byPhone);
};

/** Update email: the new address must be good, and is sent normalised. */
export const checkEmail: Check = (args) => {
  args.email = checked('email', args.email, true);
};

/** Update phone: the new number must be E.164 once normalised, and is sent normalised. */
export const checkPhone: Check = (args) => {
  args.phone = checked('phone', args.phone, false);
};

/**
 * Magic links: the `redirectUrl` must not carry a `t` parameter already (in its query or its
 * fragment, `%74` included). The link's own token is appended as `t`; a second one would let
 * whoever planted the first sign the recipient in to the planter's account (login CSRF).
 */
export const checkRedirect: Check = ({ redirectUrl }) => {
  if (typeof redirectUrl == 'string' && /[?&#]t(?![^=&#])/.test(redirectUrl.replace(/%74/g, 't'))) {
    throw new InputError('redirectUrl', 'input.redirectUrl.token');
  }
};

/**
 * Checks the input (the delivery method, then the operation's `checks`, then the endpoint's
 * schema), sends one endpoint call (retrying gateway failures as the official SDKs do, within one
 * deadline), and parses the answer with the contract's schema. Every failure is a typed error.
 *
 * Deadline: `timeoutMs` bounds the whole call, retries and their waits included. A retry waits
 * its `retryDelaysMs` entry, or the answer's `Retry-After` when it has one; a wait that would not
 * end before the deadline is not started, and the call fails at once with the answer's error
 * (carrying `retryAfterSeconds` on a 503 or 429 with `Retry-After`).
 */
export async function call<TResponse extends z.ZodMiniType>(
  config: Transport,
  endpoint: Endpoint<z.ZodMiniType, TResponse>,
  args: object,
  checks: readonly Check[] = [],
): Promise<z.infer<TResponse>> {
  const input: CallArgs = { ...args };
  if (endpoint.methods && !endpoint.methods.includes(input.method as never)) {
    throw new InputError('method', 'input.method.unsupported');
  }
  for (const check of checks) check(input);
  const { method, refreshJwt, signal, redirectUrl, addToLoginIds, ...rest } = input;
  // Client argument names map onto the API's wire names; the request schema strips the rest.
  const parsed = safeParse(endpoint.request, { ...rest, URI: redirectUrl, addToLoginIDs: addToLoginIds });
  if (!parsed.success) {
    // A failed parse has at least one issue; the body is an object, so it names a field.
    const [{ path, message }] = parsed.error.issues as [z.core.$ZodIssue];
    const wire = String(path[0]);
    // Wire field names that differ from the client's argument names are named as the app wrote them.
    throw new InputError(
      ({ URI: 'redirectUrl', addToLoginIDs: 'addToLoginIds' } as Record<string, string>)[wire] ?? wire,
      message.startsWith('input.') ? (message as InputMessageId) : 'input.invalid',
    );
  }
  const { auth } = endpoint;
  // A refresh JWT goes where the endpoint takes one: always for `refresh`, when given for
  // `optionalRefresh` (try-refresh) and on sign-in (`stepup`), required with step-up or MFA; a
  // sign-up never sends one. (The client calls no `none` endpoint.)
  const takesRefresh = auth != 'project';
  // In cookie mode the browser sends the refresh JWT as an HttpOnly cookie instead.
  if (
    takesRefresh &&
    (auth == 'refresh' || rest.loginOptions?.stepup || rest.loginOptions?.mfa) &&
    !refreshJwt?.trim() &&
    !config.sessionCookies
  ) {
    throw new InputError('refreshJwt', 'input.refreshJwt.required');
  }

  // The client calls no endpoint whose path holds `{projectId}` (only the keys, which the emulator serves).
  const url = config.baseUrl + endpoint.path.replace('{d}', method ?? '');
  const isPost = endpoint.method == 'POST';

  const deadline = Date.now() + config.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    let text: string;
    try {
      // Each attempt gets what is left of the call's one deadline.
      const timeout = AbortSignal.timeout(Math.max(0, deadline - Date.now()));
      // passlink owns Authorization and Content-Type, whatever case the app's headers use. (Built
      // in here: a header name fetch refuses fails the call as a NetworkError, as fetch would.)
      const headers = new Headers(config.headers);
      headers.set('Authorization', `Bearer ${config.projectId}${takesRefresh && refreshJwt ? ':' + refreshJwt : ''}`);
      if (isPost) headers.set('Content-Type', 'application/json');
      else headers.delete('Content-Type');
      response = await (config.fetch ?? fetch)(url, {
        method: endpoint.method,
        headers,
        credentials: config.credentials,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        ...(isPost ? { body: JSON.stringify(parsed.data) } : {}),
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if ((error as Error)?.name === 'TimeoutError') throw new TimeoutError(config.timeoutMs);
      throw new NetworkError({ cause: error });
    }

    const { status } = response;
    const after = status === 429 || status === 503 ? retryAfter(response.headers.get('Retry-After')) : undefined;
    const delay = config.retryDelaysMs[attempt];
    // (No delay: no retry left, and `wait` is not read.)
    const wait = after === undefined ? (delay as number) : after * 1000;
    if (
      delay !== undefined &&
      // Statuses the official clients retry: the gateway or origin could not serve the request.
      // 520 and 524 mean the origin received the request and may have acted on it: a POST (a
      // message sent, a single-use token spent, a token rotated) is never repeated then, only GET.
      (isPost ? [503, 521, 522, 530] : [503, 520, 521, 522, 524, 530]).includes(status) &&
      // A wait that would outlast the deadline is not started: the call fails now.
      Date.now() + wait < deadline
    ) {
      // Woken by the timer or by an abort; either way nothing is left behind.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, wait);
        function wake() {
          clearTimeout(timer);
          signal?.removeEventListener('abort', wake);
          resolve();
        }
        signal?.addEventListener('abort', wake);
      });
      if (signal?.aborted) throw signal.reason;
      continue;
    }

    let json: unknown;
    try {
      // An empty body reads as {}: an empty answer to a call that answers nothing, and no error body.
      json = JSON.parse(text.trim() || '{}');
    } catch {
      // Not JSON: the schema refuses it.
    }
    const result = safeParse(response.ok ? endpoint.response : errorBody, json);
    if (result.success) {
      if (response.ok) return result.data as z.infer<TResponse>;
      const { errorCode, errorDescription, errorMessage } = result.data as ErrorBody;
      // Only a code of the API's shape is kept: see ERROR_CODE_PATTERN.
      if (ERROR_CODE_PATTERN.test(errorCode)) throw new ApiError(status, errorCode, errorDescription, errorMessage, after);
    }
    if (status == 429) throw new ApiError(status, 'E130429', '', '', after);
    throw new ResponseFormatError(status, text, after);
  }
}
