import type { InputMessageId } from '../contract/schemas';

/** Base class of every error passlink's client throws; check the subclasses with `instanceof`. */
export class PasslinkError extends Error {
  override name = 'PasslinkError';
}

/** The API answered with an error body (`errorCode`, `errorDescription`, `errorMessage`). */
export class ApiError extends PasslinkError {
  override name = 'ApiError';
  /** HTTP status of the answer. */
  declare readonly status: number;
  /** The API's error code, such as `E061102`. */
  declare readonly code: string;
  /** The API's `errorDescription` (English, for logs; show a catalog message instead). */
  declare readonly description: string;
  /** The API's `errorMessage`, or `''`. */
  declare readonly serverMessage: string;
  /** Seconds to wait before trying again, from `Retry-After` on a 429; otherwise undefined. */
  declare readonly retryAfterSeconds: number | undefined;
  constructor(status: number, code: string, description = '', serverMessage = '', retryAfterSeconds?: number) {
    super(`${code} (HTTP ${status})${description && ': ' + description}`);
    Object.assign(this, { status, code, description, serverMessage, retryAfterSeconds });
  }
}

/** The request never got an answer: offline, DNS failure, CORS refusal, connection reset. */
export class NetworkError extends PasslinkError {
  override name = 'NetworkError';
  constructor(options?: { cause?: unknown }) {
    super('The network request failed', options);
  }
}

/** No answer arrived within `timeoutMs`. Never retried automatically. */
export class TimeoutError extends PasslinkError {
  override name = 'TimeoutError';
  /** The limit that passed, in milliseconds. */
  declare readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`No answer within ${timeoutMs} ms`);
    Object.assign(this, { timeoutMs });
  }
}

/**
 * The answer could not be understood: a body that is not JSON (an HTML 502 page, an empty 504),
 * or JSON of the wrong shape. Keeps the status and a short excerpt with tokens redacted.
 */
export class ResponseFormatError extends PasslinkError {
  override name = 'ResponseFormatError';
  /** HTTP status of the answer. */
  declare readonly status: number;
  /** At most 160 characters of the body, with anything token-like replaced by `[redacted]`. */
  declare readonly excerpt: string;
  constructor(status: number, excerpt: string) {
    super(`Unexpected answer (HTTP ${status})`);
    Object.assign(this, { status, excerpt });
  }
}

/**
 * Input refused before any request was sent. `field` names the argument (`loginId`, `email`,
 * `phone`, `method`, `refreshJwt`, `code`, `token`, `redirectUrl` …); `messageId` is the catalog
 * id of the explanation. The offending value is never part of the message.
 */
export class InputError extends PasslinkError {
  override name = 'InputError';
  /** The refused argument. */
  declare readonly field: string;
  /** Catalog id of the explanation. */
  declare readonly messageId: InputMessageId;
  constructor(field: string, messageId: InputMessageId) {
    super(`Invalid ${field}: ${messageId}`);
    Object.assign(this, { field, messageId });
  }
}
