import type { InputMessageId } from '../contract/schemas';

/** Base class of every error passlink's client throws; check the subclasses with `instanceof`. */
export class PasslinkError extends Error {
  override name = 'PasslinkError';
}

/**
 * Server text with anything that could be a secret replaced by `[redacted]`: a JWT (`eyJ…`), any
 * run of 20 or more base64, base64url or hex characters (tokens, keys, long ids), and any run of
 * 4 or more digits (one-time codes, phone numbers). Kept to 200 characters.
 */
const redact = (text: string): string => text.replace(/eyJ[\w.+/=-]*|[\w+/=-]{20,}|\d{4,}/g, '[redacted]').slice(0, 200);

/**
 * The API answered with an error body (`errorCode`, `errorDescription`, `errorMessage`).
 *
 * Built from an allow-list: `message` is the code, the HTTP status and the description, and the
 * description and server message are kept only after {@link redact}ing what could be a secret, so
 * no token, code or JWT a server echoes reaches a log through this error.
 */
export class ApiError extends PasslinkError {
  override name = 'ApiError';
  /** HTTP status of the answer. */
  declare readonly status: number;
  /** The API's error code, such as `E061102`. */
  declare readonly code: string;
  /** The API's `errorDescription`, redacted (English, for logs; show a catalog message instead). */
  declare readonly description: string;
  /** The API's `errorMessage`, redacted, or `''`. */
  declare readonly serverMessage: string;
  /**
   * Seconds to wait before trying again, from `Retry-After` on a 429, or on a 503 whose wait did
   * not fit in the call's `timeoutMs`; otherwise undefined.
   */
  declare readonly retryAfterSeconds: number | undefined;
  constructor(status: number, code: string, description = '', serverMessage = '', retryAfterSeconds?: number) {
    description = redact(description);
    super(`${code} (HTTP ${status})${description && ': ' + description}`);
    Object.assign(this, { status, code, description, serverMessage: redact(serverMessage), retryAfterSeconds });
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

/** What the body of a {@link ResponseFormatError} looked like. */
export type ResponseBodyKind = 'empty' | 'json' | 'html' | 'text';

/**
 * The answer could not be understood: a body that is not JSON (an HTML 502 page, an empty 504),
 * or JSON of the wrong shape. Keeps the status and what kind of body it was, never the body
 * itself: a misrouted answer may carry anything, tokens included.
 */
export class ResponseFormatError extends PasslinkError {
  override name = 'ResponseFormatError';
  /** HTTP status of the answer. */
  declare readonly status: number;
  /** The kind of body: `empty`, `json` (of the wrong shape), `html` (a gateway or portal page) or `text`. */
  declare readonly bodyKind: ResponseBodyKind;
  /** Seconds from a `Retry-After` on a 503 whose wait did not fit in the call's `timeoutMs`; otherwise undefined. */
  declare readonly retryAfterSeconds: number | undefined;
  /**
   * @param body The raw body: only its kind is kept. Default: empty.
   */
  constructor(status: number, body = '', retryAfterSeconds?: number) {
    const start = body.trim()[0];
    const bodyKind: ResponseBodyKind = !start ? 'empty' : start == '<' ? 'html' : '{['.includes(start) ? 'json' : 'text';
    super(`Unexpected answer (HTTP ${status}, ${bodyKind} body)`);
    Object.assign(this, { status, bodyKind, retryAfterSeconds });
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
