/**
 * What the stories share: people the emulator knows, one emulator per story behind MSW
 * (`parameters.msw.handlers = emulate({...})`), loaders that prepare a story's server state
 * (a session, a pending link or code) and helpers that read the emulator's outbox from a play
 * function.
 */
import type { Loader, StoryContext, StrictArgs } from '@storybook/react-vite';
import type { HttpHandler } from 'msw';
import { expect, waitFor } from 'storybook/test';
import type { JwtResponse } from 'passlink';
import {
  createEmulatorHandlers,
  waitForMessage,
  type Emulator,
  type EmulatorHandlers,
  type EmulatorHandlersOptions,
  type Fault,
  type OutboxFilter,
  type SeedUser,
} from 'passlink/msw';

/** The API origin every story's client calls (MSW answers it from the story's emulator). */
export const API_BASE_URL = 'https://api.descope.com';

/** Ada signs in by email; she also has a phone number. */
export const ADA = { loginId: 'ada@example.com', email: 'ada@example.com', phone: '+14155550101', name: 'Ada Lovelace' } as const;
/** Pat signs in by phone. */
export const PAT = { loginId: '+14155550102', phone: '+14155550102', name: 'Pat' } as const;
/** Addresses nobody has yet (for updates). */
export const NEW_EMAIL = 'new.person@example.org';
export const NEW_PHONE = '+14155550199';
/** How the emulator masks them (what the components must show). */
export const MASKED = {
  ada: 'a•••@e•••.com',
  adaPhone: '+1 ••• ••• 0101',
  pat: '+1 ••• ••• 0102',
  newEmail: 'n•••@e•••.org',
  newPhone: '+1 ••• ••• 0199',
} as const;
/** Both of them, for `emulate({ users })`. */
export const PEOPLE: SeedUser[] = [{ ...ADA }, { ...PAT }];

const seeds = new WeakMap<Emulator, readonly SeedUser[]>();

/**
 * MSW handlers backed by a new emulator, for `parameters.msw.handlers`. Handlers in `first`
 * (a network failure, a request that never ends) are asked before the emulator. The emulator
 * stays reachable as `.emulator`; the preview's loader resets it (and seeds `options.users`
 * again) before every render, so a story always starts from the same server state.
 */
export function emulate(options: EmulatorHandlersOptions = {}, ...first: HttpHandler[]): EmulatorHandlers {
  const handlers = createEmulatorHandlers(options);
  seeds.set(handlers.emulator, options.users ?? []);
  return first.length ? Object.assign([...first, ...handlers], { emulator: handlers.emulator }) : handlers;
}

/** The emulator behind a story's `parameters.msw.handlers`, or undefined (a story without one). */
export function findEmulator(parameters: StoryContext['parameters']): Emulator | undefined {
  const handlers: unknown = parameters.msw && !Array.isArray(parameters.msw) ? parameters.msw.handlers : undefined;
  if (typeof handlers === 'object' && handlers !== null && 'emulator' in handlers) return handlers.emulator as Emulator;
  return undefined;
}

/** The story's emulator; throws when the story has none. */
export function emulatorOf(context: Pick<StoryContext, 'parameters'>): Emulator {
  const emulator = findEmulator(context.parameters);
  if (!emulator) throw new Error('This story has no emulator: set parameters.msw.handlers = emulate({...}).');
  return emulator;
}

/** Forgets everything the emulator saw (users, links, codes, sessions, outbox, faults, clock) and seeds its users again. */
export function freshEmulator(emulator: Emulator): void {
  emulator.reset();
  for (const user of seeds.get(emulator) ?? []) emulator.seedUser(user);
}

/**
 * What loaders hand the preview's decorator through `context.loaded`: the session the preview
 * made for `parameters.passlink.signedInAs`, the token `linkToken` prepared.
 */
export interface LoadedSession {
  session?: JwtResponse;
  token?: string;
}

/** A story loader: the story's emulator injects `fault` (a latency, an error status, an HTML page …). */
export const withFault =
  <TArgs = StrictArgs>(fault: Fault): Loader<TArgs> =>
  (context) => {
    emulatorOf(context).addFault(fault);
    return {};
  };

/** Calls the emulator directly (no network): what another device or an earlier visit did. */
export async function callEmulator(emulator: Emulator, path: string, body: Record<string, unknown>): Promise<unknown> {
  const answer = await emulator.handle({
    method: 'POST',
    url: path,
    headers: { Authorization: `Bearer ${emulator.projectId}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (answer.status >= 400) throw new Error(`${path} answered ${answer.status}: ${answer.body}`);
  return JSON.parse(answer.body) as unknown;
}

/** Sends a sign-in link to `loginId` and answers its token (from the outbox). */
export async function sendLink(emulator: Emulator, loginId: string, method: 'email' | 'sms' = 'email'): Promise<string> {
  await callEmulator(emulator, `/v1/auth/magiclink/signin/${method}`, { loginId });
  const token = emulator.outbox.latest({ loginId, kind: 'magicLink' })?.token;
  if (!token) throw new Error(`No link went to ${loginId}`);
  return token;
}

/** Sends a sign-in code to `loginId` (the first message, before the story renders). */
export async function sendCode(emulator: Emulator, loginId: string, method: 'email' | 'sms' | 'voice' | 'whatsapp'): Promise<void> {
  await callEmulator(emulator, `/v1/auth/otp/signin/${method}`, { loginId });
}

/**
 * A story loader: a magic-link token in the state `kind`: `valid`, `used` (verified once
 * already), `expired` (the clock moved past its lifetime), `unknown` (never issued) or
 * `missing` (empty: the link was cut short).
 */
export const linkToken =
  <TArgs = StrictArgs>(kind: 'valid' | 'used' | 'expired' | 'unknown' | 'missing'): Loader<TArgs> =>
  async (context) => {
    if (kind === 'missing') return { token: '' } satisfies LoadedSession;
    if (kind === 'unknown') return { token: 'tNotAToken0000000000000000000000' } satisfies LoadedSession;
    const emulator = emulatorOf(context);
    const token = await sendLink(emulator, ADA.loginId);
    if (kind === 'used') await callEmulator(emulator, '/v1/auth/magiclink/verify', { token });
    if (kind === 'expired') emulator.advanceClock(301);
    return { token } satisfies LoadedSession;
  };

/** The token a loader prepared (`linkToken`). */
export function loadedToken(loaded: StoryContext['loaded']): string {
  const token: unknown = loaded.token;
  if (typeof token !== 'string') throw new Error('No token loaded: add the linkToken(...) loader.');
  return token;
}

/** The session the preview loader made (`parameters.passlink.signedInAs`), if any. */
export function loadedSession(loaded: StoryContext['loaded']): JwtResponse | undefined {
  const session: unknown = loaded.session;
  return typeof session === 'object' && session !== null && 'sessionJwt' in session ? (session as JwtResponse) : undefined;
}

/** The newest code the emulator sent that matches `filter` (waiting for it if need be). */
export async function codeSent(emulator: Emulator, filter: OutboxFilter): Promise<string> {
  const message = await waitForMessage(emulator, { ...filter, kind: 'otp' });
  if (!message.code) throw new Error(`The message to ${message.to} has no code`);
  return message.code;
}

/** A code of the same length that is certainly wrong. */
export const wrongCode = (code: string): string => code.replace(/\d/g, (digit) => String((Number(digit) + 1) % 10));

/**
 * Waits until the phone field has its countries and formats as typed (libphonenumber-js loads on
 * first use): what a person sees before typing a number. The wait gives up at the test setup's
 * limit (.storybook/vitest.setup.ts), never after a second: the library can take longer to arrive.
 */
export const phoneFieldReady = (canvasElement: HTMLElement): Promise<void> =>
  waitFor(() => expect(canvasElement.querySelector('[data-passlink-phone][data-ready]')).not.toBeNull());

/** A latency that outlasts any story check (the emulator's maximum fault latency): the request stays pending while the story is looked at. */
export const FOREVER_MS = 60 * 1000;
