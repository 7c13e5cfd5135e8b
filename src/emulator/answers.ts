import { errorCodes, errorSituations, type ErrorSituation } from '../contract';
import type { EmulatorRequest, EmulatorResponse } from './types';

/**
 * A refusal on the way through a request: thrown anywhere in the flows and routes, turned into
 * the API's error answer in one place ({@link failureAnswer}).
 */
export class Failure {
  constructor(
    readonly situation: ErrorSituation,
    readonly description: string,
    readonly retryAfter?: number,
  ) {}
}

/** A JSON answer. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): EmulatorResponse => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  cookies: [],
  body: JSON.stringify(body),
});

/** The error answer for `error`, with the code `codeFor` picks for its situation. */
export const failureAnswer = (error: Failure, codeFor: (situation: ErrorSituation) => string): EmulatorResponse => {
  const errorCode = codeFor(error.situation);
  const known = errorCodes[errorCode as keyof typeof errorCodes] ?? errorCodes[errorSituations[error.situation]];
  return json(
    known.status,
    { errorCode, errorDescription: known.meaning, errorMessage: error.description },
    error.retryAfter === undefined ? {} : { 'Retry-After': String(error.retryAfter) },
  );
};

/** A request header, by name in any case. */
export const headerOf = (headers: EmulatorRequest['headers'], name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
};
