import * as z from 'zod/mini';
import { errorBody, inputMessages, type Endpoint, type InputMessageId } from '../contract';
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

/** The arguments every operation shares; the rest of an operation's arguments form the body. */
interface CallArgs {
  method?: string;
  refreshJwt?: string;
  signal?: AbortSignal;
  redirectUrl?: string;
  addToLoginIds?: boolean;
  loginOptions?: { stepup?: boolean; mfa?: boolean };
}

/** Statuses the official clients retry: the gateway or origin could not serve the request. */
const RETRY_STATUSES = [503, 520, 521, 522, 524, 530];
/**
 * 520 and 524 mean the origin received the request and may have acted on it. A POST (a message
 * sent, a single-use token spent, a token rotated) is never repeated then; only GET is.
 */
const ORIGIN_REACHED = [520, 524];

/** Wire field names that differ from the client's argument names. */
const FIELD_NAMES: Record<string, string> = { URI: 'redirectUrl', addToLoginIDs: 'addToLoginIds' };

/** Hides anything token-like (JWTs, and string values of jwt/token/code keys) from an excerpt. */
export const redact = (text: string): string =>
  text
    .replace(/("(?!errorCode")[^"]*(?:jwt|token|code)"\s*:\s*)"[^"]*"/gi, '$1"[redacted]"')
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted]')
    .slice(0, 160);

/** Seconds from a `Retry-After` header: a number of seconds or an HTTP date. */
const retryAfter = (value: string | null): number | undefined => {
  if (!value?.trim()) return undefined;
  const seconds = Math.max(0, Math.ceil(Number.isNaN(+value) ? (Date.parse(value) - Date.now()) / 1000 : +value));
  return Number.isNaN(seconds) ? undefined : seconds;
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * Validates the input, sends one endpoint call (retrying gateway failures as the official SDKs
 * do), and parses the answer with the contract's schema. Every failure is a typed error.
 */
export async function call<TResponse extends z.ZodMiniType>(
  config: Transport,
  endpoint: Endpoint<z.ZodMiniType, TResponse>,
  args: object,
): Promise<z.infer<TResponse>> {
  const { method, refreshJwt, signal, redirectUrl, addToLoginIds, ...rest } = args as CallArgs;
  // Client argument names map onto the API's wire names; the request schema strips the rest.
  const body = { ...rest, URI: redirectUrl, addToLoginIDs: addToLoginIds };
  if (endpoint.methods && !endpoint.methods.includes(method as never)) {
    throw new InputError('method', inputMessages.methodUnsupported);
  }
  const parsed = z.safeParse(endpoint.request, body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const wire = String(issue?.path[0] ?? 'input');
    const id = issue?.message.startsWith('input.') ? (issue.message as InputMessageId) : inputMessages.invalid;
    throw new InputError(FIELD_NAMES[wire] ?? wire, id);
  }
  const needsRefresh =
    endpoint.auth === 'refresh' || (endpoint.auth === 'stepup' && !!(rest.loginOptions?.stepup || rest.loginOptions?.mfa));
  // In cookie mode the browser sends the refresh JWT as an HttpOnly cookie instead.
  if (needsRefresh && !refreshJwt?.trim() && !config.sessionCookies) {
    throw new InputError('refreshJwt', inputMessages.refreshJwtRequired);
  }

  const url =
    config.baseUrl + endpoint.path.replace('{d}', method ?? '').replace('{projectId}', encodeURIComponent(config.projectId));
  // passlink owns Authorization and Content-Type, whatever case the app's headers use.
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers)) {
    if (!/^(authorization|content-type)$/i.test(name)) headers[name] = value;
  }
  if (endpoint.auth !== 'none') {
    // A refresh JWT goes in the header where the endpoint takes one: always for `refresh`, and
    // on sign-in (`stepup`) when given; a sign-up never sends one.
    const withRefresh = !!refreshJwt && (endpoint.auth === 'refresh' || endpoint.auth === 'stepup');
    headers.Authorization = `Bearer ${config.projectId}${withRefresh ? `:${refreshJwt}` : ''}`;
  }
  const isPost = endpoint.method === 'POST';
  if (isPost) headers['Content-Type'] = 'application/json';

  for (let attempt = 0; ; attempt++) {
    let response: Response;
    let text: string;
    try {
      const timeout = AbortSignal.timeout(config.timeoutMs);
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
    const delay = config.retryDelaysMs[attempt];
    if (
      delay !== undefined &&
      RETRY_STATUSES.includes(status) &&
      !(isPost && ORIGIN_REACHED.includes(status))
    ) {
      await new Promise<void>((resolve, reject) => {
        const abort = () => (clearTimeout(timer), reject(signal?.reason));
        const timer = setTimeout(() => (signal?.removeEventListener('abort', abort), resolve()), delay);
        signal?.addEventListener('abort', abort, { once: true });
      });
      continue;
    }

    const json = text.trim() ? parseJson(text) : response.ok ? {} : undefined;
    if (response.ok) {
      const result = z.safeParse(endpoint.response, json);
      if (result.success) return result.data;
      throw new ResponseFormatError(status, redact(text));
    }
    const wait = status === 429 ? retryAfter(response.headers.get('Retry-After')) : undefined;
    const error = z.safeParse(errorBody, json);
    if (error.success) {
      const { errorCode, errorDescription, errorMessage } = error.data;
      throw new ApiError(status, errorCode, errorDescription, errorMessage, wait);
    }
    if (status === 429) throw new ApiError(status, 'E130429', '', '', wait);
    throw new ResponseFormatError(status, redact(text));
  }
}
