import * as z from 'zod/mini';
import { endpoints, extraEndpoints, keysEndpoint, type Endpoint, type EndpointName } from '../contract';
import { Failure, headerOf, json } from './answers';
import { MAX_CLOCK_ADVANCE_SECONDS } from './clock';
import { refreshJwtOf } from './cookies';
import { faultSchema, type Faults } from './faults';
import type { Body, FlowContext, Flows } from './flows';
import type { Channel } from './outbox';
import { outboxPage } from './page';
import { publicUser } from './state';
import type { EmulatorRequest, EmulatorResponse, EmulatorStats, SeedUser } from './types';

/*
 * Requests to answers: the API of the contract (`/v1/auth/*`, `/v2/keys/*`) dispatched to the
 * flows, and the emulator's own admin routes (`/emulator/*`).
 */

/** What the routes work with: what the flows work with, and the flows themselves. */
export interface RouteContext extends FlowContext {
  faults: Faults;
  flows: Flows;
  /** `POST /emulator/reset`. */
  reset(): void;
  /** `GET /emulator/stats`. */
  stats(): EmulatorStats;
}

type RouteName = EndpointName | keyof typeof extraEndpoints | 'keys';

/**
 * A body names a magic link's redirect `URI` (core-js, go, python; python may send `null`) or
 * `redirectUrl` (the API reference, Swift): the emulator takes both wherever the contract takes
 * `URI`, and `chooseRedirect` decides between them. passlink's client sends `URI` only.
 */
const redirectFields = { URI: z.nullish(z.string()), redirectUrl: z.nullish(z.string()) };

/**
 * The schema a request body is checked against: the contract's, with both redirect names where it
 * takes `URI`. Unknown fields are dropped, never refused (go sends `crossDevice`, go and python a
 * top-level `email` or `phone` on sign-up).
 */
const requestSchemaOf = (endpoint: Endpoint): z.ZodMiniType => {
  const request = endpoint.request as z.ZodMiniType & { shape?: Record<string, unknown> };
  return request.shape && 'URI' in request.shape ? z.extend(request as unknown as z.ZodMiniObject, redirectFields) : request;
};

/** Routes of the contract, compiled: `{d}` becomes a captured delivery method. */
const apiRoutes = [
  ...(Object.entries({ ...endpoints, ...extraEndpoints }) as [RouteName, Endpoint][]),
  ['keys', keysEndpoint as Endpoint] as const,
].map(([name, endpoint]) => ({
  name,
  endpoint,
  request: requestSchemaOf(endpoint),
  pattern: new RegExp(`^${endpoint.path.replace('{d}', '([a-z]+)').replace('{projectId}', '([^/]+)')}$`),
}));

const rateLimitsSchema = z.partial(
  z.object({
    messagesPerRecipient: z.number().check(z.int(), z.positive()),
    recipientWindowSeconds: z.number().check(z.positive()),
    requestsPerClient: z.number().check(z.int(), z.positive()),
    clientWindowSeconds: z.number().check(z.positive()),
    clientBackoffSeconds: z.number().check(z.positive()),
  }),
);

/** The largest page of `GET /emulator/outbox` and `GET /emulator/users`, and the size of an unpaged answer. */
export const MAX_PAGE = 1000;

/** `?after=&limit=` of a paged list; `after` is parsed by `cursor`. */
const pageQuery = <C>(url: string, cursor: (value: string) => C | undefined) => {
  const params = new URL(url, 'http://emulator.invalid').searchParams;
  const limitText = params.get('limit');
  const limit = limitText === null ? MAX_PAGE : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new Failure('validation', `limit: an integer from 1 to ${MAX_PAGE}`);
  const afterText = params.get('after');
  const after = afterText === null || afterText === '' ? undefined : cursor(afterText);
  if (afterText && after === undefined) throw new Failure('validation', 'after: not a cursor of this list');
  return { after, limit };
};

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

  const dispatch = async (name: RouteName, method: Channel | undefined, body: Body, refreshJwt?: string, pathProject?: string) => {
    const [family, operation] = name.split('.') as ['otp' | 'magicLink' | 'enchantedLink' | 'session', string];
    switch (operation) {
      case 'signUp':
      case 'signIn':
      case 'signUpOrIn':
        // An enchanted link goes by email only: its path says so, without a `{d}`.
        return flows.send(family as 'otp' | 'magicLink' | 'enchantedLink', operation, method ?? 'email', body, refreshJwt);
      case 'updateEmail':
        return flows.update(family as 'otp' | 'magicLink' | 'enchantedLink', 'email', 'email', body, refreshJwt);
      case 'updatePhone':
        return flows.update(family as 'otp' | 'magicLink', 'phone', method as Channel, body, refreshJwt);
      case 'verify':
        return family === 'magicLink'
          ? flows.verifyLink(body)
          : family === 'enchantedLink'
            ? flows.verifyEnchanted(body)
            : flows.verifyCode(method as Channel, body);
      case 'pendingSession':
        return flows.pendingSession(body);
      case 'refresh':
        return flows.refresh(refreshJwt);
      case 'tryRefresh':
        return flows.tryRefresh(refreshJwt);
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
    const { endpoint, name, request: requestSchema } = route;
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
      refreshJwt = refreshJwtOf(request.headers, match[2], settings.cookies);
    }
    const body = endpoint.method === 'POST' ? parseBody(request.body, requestSchema) : {};
    return dispatch(name, method, body as Body, refreshJwt, captured);
  };

  /** Answers an `/emulator/*` route; undefined for an unknown one. */
  const admin = async (request: EmulatorRequest, path: string): Promise<EmulatorResponse | undefined> => {
    const method = request.method.toUpperCase();
    const route = `${method} ${path.replace(/\/+$/, '')}`;
    switch (route) {
      case 'GET /emulator':
        return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, cookies: [], body: outboxPage(settings.projectId) };
      case 'GET /emulator/outbox': {
        // Unpaged (no query), it answers the oldest kept messages, at most MAX_PAGE of them.
        const { after, limit } = pageQuery(request.url, (text) => {
          const id = Number(text);
          return Number.isInteger(id) && id >= 0 ? id : undefined;
        });
        return json(200, outbox.page(after ?? 0, limit));
      }
      case 'DELETE /emulator/outbox':
        outbox.clear();
        return json(200, {});
      case 'GET /emulator/users': {
        const { after, limit } = pageQuery(request.url, (text) => (state.user(text) ? text : undefined));
        const page = state.usersPage(after, limit);
        if (!page) throw new Failure('validation', 'after: not a user of this emulator');
        return json(200, { users: page.items.map(publicUser), next: page.next });
      }
      case 'POST /emulator/users': {
        // Each seed is checked once, by seedUsers.
        const seeds = parseBody(request.body, z.unknown());
        let created;
        try {
          created = state.seedUsers((Array.isArray(seeds) ? seeds : [seeds]) as SeedUser[]);
        } catch (error) {
          throw new Failure('validation', (error as Error).message);
        }
        // A big seed (50,000 users from 1 MiB) answers its count and the first page, not a copy of all.
        return json(200, { created: created.length, users: created.slice(0, MAX_PAGE).map(publicUser) });
      }
      case 'POST /emulator/sessions': {
        const { loginId } = parseBody(request.body, z.object({ loginId: z.string() }));
        const user = state.findUser(loginId);
        if (!user) throw new Failure('userNotFound', 'No user with this login id');
        // Signed in without proving a factor: an empty `amr`.
        return (await flows.issueSession(user, false, { amr: [] })).response;
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
        // At most ten years in all (see MAX_CLOCK_ADVANCE_SECONDS), counted across calls.
        const { advanceSeconds } = parseBody(request.body, z.object({ advanceSeconds: z.number().check(z.nonnegative(), z.lte(MAX_CLOCK_ADVANCE_SECONDS)) }));
        if (advanceSeconds > clock.remainingSeconds) {
          throw new Failure('validation', `advanceSeconds: the clock can move ${clock.remainingSeconds} more seconds until a reset (ten years in all)`);
        }
        clock.advance(advanceSeconds);
        return json(200, { now: new Date(clock.now()).toISOString() });
      }
      case 'POST /emulator/keys/rotate':
        return json(200, { kid: await issuer.rotate() });
      case 'POST /emulator/rate-limits':
        limiter.limits = { ...limiter.limits, ...parseBody(request.body, rateLimitsSchema) };
        return json(200, { rateLimits: limiter.limits });
      case 'GET /emulator/stats':
        return json(200, context.stats());
      case 'POST /emulator/reset':
        context.reset();
        return json(200, {});
      default:
        return undefined;
    }
  };

  return { api, admin };
}
