import * as z from 'zod/mini';
import { endpoints, keysEndpoint, type Endpoint, type EndpointName } from '../contract';
import { Failure, cookieOf, headerOf, json } from './answers';
import type { Clock } from './clock';
import { faultSchema, type Faults } from './faults';
import type { Body, Flows, Settings } from './flows';
import type { Channel, Outbox } from './outbox';
import { outboxPage } from './page';
import type { RateLimiter } from './rate-limit';
import { publicUser, seedUserSchema, type EmulatorState } from './state';
import type { TokenIssuer } from './tokens';
import type { EmulatorRequest, EmulatorResponse } from './types';

/*
 * Requests to answers: the API of the contract (`/v1/auth/*`, `/v2/keys/*`) dispatched to the
 * flows, and the emulator's own admin routes (`/emulator/*`).
 */

/** What the routes work with. */
export interface RouteContext {
  settings: Settings;
  state: EmulatorState;
  outbox: Outbox;
  limiter: RateLimiter;
  issuer: TokenIssuer;
  clock: Clock;
  faults: Faults;
  flows: Flows;
  /** `POST /emulator/reset`. */
  reset(): void;
}

/** Routes of the contract, compiled: `{d}` becomes a captured delivery method. */
const apiRoutes = [...(Object.entries(endpoints) as [EndpointName | 'keys', Endpoint][]), ['keys', keysEndpoint as Endpoint] as const].map(
  ([name, endpoint]) => ({
    name,
    endpoint,
    pattern: new RegExp(`^${endpoint.path.replace('{d}', '([a-z]+)').replace('{projectId}', '([^/]+)')}$`),
  }),
);

const rateLimitsSchema = z.partial(
  z.object({
    messagesPerRecipient: z.number().check(z.int(), z.positive()),
    recipientWindowSeconds: z.number().check(z.positive()),
    requestsPerClient: z.number().check(z.int(), z.positive()),
    clientWindowSeconds: z.number().check(z.positive()),
    clientBackoffSeconds: z.number().check(z.positive()),
  }),
);

/** Parses a JSON body against `schema`, refusing with the API's codes. */
export const parseBody = <T>(text: string | undefined, schema: z.ZodMiniType<T>): T => {
  let value: unknown = {};
  if (text?.trim()) {
    try {
      value = JSON.parse(text);
    } catch {
      throw new Failure('badRequest', 'The body is not valid JSON');
    }
  }
  const result = z.safeParse(schema, value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Failure('validation', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
};

/** The router of one emulator: `api` for the contract's paths, `admin` for `/emulator/*`. */
export function createRoutes(context: RouteContext) {
  const { settings, state, outbox, limiter, issuer, clock, faults, flows } = context;

  const dispatch = async (name: EndpointName | 'keys', method: Channel | undefined, body: Body, refreshJwt?: string, pathProject?: string) => {
    const [family, operation] = name.split('.') as ['otp' | 'magicLink' | 'session', string];
    switch (operation) {
      case 'signUp':
      case 'signIn':
      case 'signUpOrIn':
        return flows.send(family as 'otp' | 'magicLink', operation, method as Channel, body, refreshJwt);
      case 'updateEmail':
        return flows.update(family as 'otp' | 'magicLink', 'email', 'email', body, refreshJwt);
      case 'updatePhone':
        return flows.update(family as 'otp' | 'magicLink', 'phone', method as Channel, body, refreshJwt);
      case 'verify':
        return family === 'magicLink' ? flows.verifyLink(body) : flows.verifyCode(method as Channel, body);
      case 'refresh':
        return flows.refresh(refreshJwt);
      case 'me':
        return flows.me(refreshJwt);
      case 'logout':
        return flows.logout(refreshJwt);
      default:
        if (pathProject !== settings.projectId) throw new Failure('notFound', 'Unknown project');
        return json(200, await issuer.jwks());
    }
  };

  /** Answers a path of the contract; undefined for any other path. */
  const api = async (request: EmulatorRequest, path: string): Promise<EmulatorResponse | undefined> => {
    const route = apiRoutes.find((candidate) => candidate.pattern.test(path));
    if (!route) return undefined;
    const { endpoint, name } = route;
    if (request.method.toUpperCase() !== endpoint.method) throw new Failure('notFound', `Use ${endpoint.method} for ${path}`);
    const wait = limiter.request(request.client ?? 'local');
    if (wait) throw new Failure('rateLimited', 'Too many requests from this client', wait);
    const captured = route.pattern.exec(path)?.[1];
    const method = endpoint.methods ? (captured as Channel) : undefined;
    if (endpoint.methods && !endpoint.methods.includes(method as Channel)) {
      throw new Failure('invalidArguments', `Delivery method ${captured} is not available here`);
    }
    let refreshJwt: string | undefined;
    if (endpoint.auth !== 'none') {
      const header = headerOf(request.headers, 'authorization') ?? '';
      const match = /^Bearer ([^:\s]+)(?::(\S+))?$/.exec(header.trim());
      if (!match) throw new Failure('badRequest', 'Authorization: Bearer <ProjectId> is required');
      if (match[1] !== settings.projectId) throw new Failure('invalidArguments', 'Unknown project id');
      refreshJwt = match[2] ?? (settings.cookieMode ? cookieOf(request.headers, 'DSR') : undefined);
    }
    const body = endpoint.method === 'POST' ? parseBody(request.body, endpoint.request) : {};
    return dispatch(name, method, body as Body, refreshJwt, captured);
  };

  /** Answers an `/emulator/*` route; undefined for an unknown one. */
  const admin = async (request: EmulatorRequest, path: string): Promise<EmulatorResponse | undefined> => {
    const method = request.method.toUpperCase();
    const route = `${method} ${path.replace(/\/+$/, '')}`;
    switch (route) {
      case 'GET /emulator':
        return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, cookies: [], body: outboxPage(settings.projectId) };
      case 'GET /emulator/outbox':
        return json(200, { messages: outbox.list() });
      case 'DELETE /emulator/outbox':
        outbox.clear();
        return json(200, {});
      case 'GET /emulator/users':
        return json(200, { users: [...state.users.values()].map(publicUser) });
      case 'POST /emulator/users': {
        const seeds = parseBody(request.body, z.union([seedUserSchema, z.array(seedUserSchema)]));
        try {
          return json(200, { users: (Array.isArray(seeds) ? seeds : [seeds]).map((seed) => state.seedUser(seed)) });
        } catch (error) {
          throw new Failure('validation', (error as Error).message);
        }
      }
      case 'POST /emulator/sessions': {
        const { loginId } = parseBody(request.body, z.object({ loginId: z.string() }));
        const user = state.findUser(loginId);
        if (!user) throw new Failure('userNotFound', 'No user with this login id');
        return (await flows.issueSession(user, false)).response;
      }
      case 'GET /emulator/faults':
        return json(200, { faults: faults.list() });
      case 'POST /emulator/faults': {
        const added = parseBody(request.body, z.union([faultSchema, z.array(faultSchema)]));
        for (const fault of Array.isArray(added) ? added : [added]) faults.add(fault);
        return json(200, { faults: faults.list() });
      }
      case 'DELETE /emulator/faults':
        faults.clear();
        return json(200, { faults: faults.list() });
      case 'POST /emulator/clock': {
        // At most ten years: an absurd jump would put the clock past what a Date can hold.
        const { advanceSeconds } = parseBody(request.body, z.object({ advanceSeconds: z.number().check(z.nonnegative(), z.lte(315_360_000)) }));
        clock.advance(advanceSeconds);
        return json(200, { now: new Date(clock.now()).toISOString() });
      }
      case 'POST /emulator/rate-limits':
        limiter.limits = { ...limiter.limits, ...parseBody(request.body, rateLimitsSchema) };
        return json(200, { rateLimits: limiter.limits });
      case 'POST /emulator/reset':
        context.reset();
        return json(200, {});
      default:
        return undefined;
    }
  };

  return { api, admin };
}
