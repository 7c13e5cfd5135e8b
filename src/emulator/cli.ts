#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { OTP_LENGTH_RANGE } from './emulator';
import { startEmulatorServer, type SeedUser } from './node';

const usage = `passlink-emulator: a local emulator of the Descope passwordless API

Usage: passlink-emulator [options]

  --port <n>             TCP port (default 4500; a port in use is an error)
  --host <addr>          address to bind (default 127.0.0.1, loopback only)
  --project-id <id>      project id to answer for (default PpasslinkEmulator)
  --approved-domain <h>  host a magic link may point to (repeatable; default localhost, 127.0.0.1)
  --redirect-url <url>   redirect when a call omits URI (default http://localhost:5173/verify)
  --otp-length <n>       digits in a code, ${OTP_LENGTH_RANGE.min} to ${OTP_LENGTH_RANGE.max} (default 6)
  --magic-link-ttl <s>   seconds a link lives (default 300)
  --otp-ttl <s>          seconds a code lives (default 300)
  --seed <file.json>     users to create: an array of { loginId, email?, phone?, name? }
  --session-delivery <w> where the session token goes: body or cookie (default body)
  --refresh-delivery <w> where the refresh token goes: body or cookie (default body)
  --cookies              shorthand for both: tokens as HttpOnly cookies, empty body tokens
  --cookie-same-site <s> Strict, Lax or None (default Strict)
  --cookie-domain <d>    Domain of the cookies (default none: host-only)
  --cookie-insecure      cookies without Secure (default Secure; browsers take it from http://localhost)
  --session-cookie-name <n>  (default DS)
  --refresh-cookie-name <n>  (default DSR)
  --cors-origin <url>    another origin allowed by CORS (repeatable; local origins always are)
  -h, --help             this text
`;

/** One of `choices` given as `--name`, or undefined when absent; anything else is refused. */
const choice = <T extends string>(value: string | undefined, name: string, choices: readonly T[]): T | undefined => {
  if (value === undefined) return undefined;
  if (!choices.includes(value as T)) throw new Error(`--${name} takes ${choices.join(', ')}, not "${value}"`);
  return value as T;
};

const DELIVERIES = ['body', 'cookie'] as const;

/** A whole number from `min` to `max` given as `--name`; a fraction or anything else is refused. */
const integer = (value: string | undefined, name: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || parsed < min || parsed > max) {
    throw new Error(`--${name} takes a whole number from ${min} to ${max}, not "${value}"`);
  }
  return parsed;
};

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'project-id': { type: 'string' },
      'approved-domain': { type: 'string', multiple: true },
      'redirect-url': { type: 'string' },
      'otp-length': { type: 'string' },
      'magic-link-ttl': { type: 'string' },
      'otp-ttl': { type: 'string' },
      seed: { type: 'string' },
      cookies: { type: 'boolean' },
      'session-delivery': { type: 'string' },
      'refresh-delivery': { type: 'string' },
      'cookie-same-site': { type: 'string' },
      'cookie-domain': { type: 'string' },
      'cookie-insecure': { type: 'boolean' },
      'session-cookie-name': { type: 'string' },
      'refresh-cookie-name': { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const users = values.seed ? (JSON.parse(readFileSync(values.seed, 'utf8')) as SeedUser[]) : undefined;
  const session = choice(values['session-delivery'], 'session-delivery', DELIVERIES);
  const refresh = choice(values['refresh-delivery'], 'refresh-delivery', DELIVERIES);
  const sameSite = choice(values['cookie-same-site'], 'cookie-same-site', ['Strict', 'Lax', 'None'] as const);
  const server = await startEmulatorServer({
    port: integer(values.port, 'port', 0, 65_535) ?? 4500,
    ...(values.host ? { host: values.host } : {}),
    ...(values['project-id'] ? { projectId: values['project-id'] } : {}),
    ...(values['approved-domain'] ? { approvedDomains: values['approved-domain'] } : {}),
    ...(values['redirect-url'] ? { defaultRedirectUrl: values['redirect-url'] } : {}),
    ...(values['otp-length'] !== undefined
      ? { otpLength: integer(values['otp-length'], 'otp-length', OTP_LENGTH_RANGE.min, OTP_LENGTH_RANGE.max) }
      : {}),
    ...(values['magic-link-ttl'] !== undefined ? { magicLinkTtlSeconds: integer(values['magic-link-ttl'], 'magic-link-ttl', 1) } : {}),
    ...(values['otp-ttl'] !== undefined ? { otpTtlSeconds: integer(values['otp-ttl'], 'otp-ttl', 1) } : {}),
    ...(values['cors-origin'] ? { corsOrigins: values['cors-origin'] } : {}),
    ...(users ? { users } : {}),
    tokensInCookies: values.cookies ?? false,
    delivery: { ...(session ? { session } : {}), ...(refresh ? { refresh } : {}) },
    cookies: {
      ...(sameSite ? { sameSite } : {}),
      ...(values['cookie-domain'] ? { domain: values['cookie-domain'] } : {}),
      ...(values['cookie-insecure'] ? { secure: false } : {}),
      ...(values['session-cookie-name'] ? { sessionName: values['session-cookie-name'] } : {}),
      ...(values['refresh-cookie-name'] ? { refreshName: values['refresh-cookie-name'] } : {}),
    },
  });
  process.stdout.write(
    `passlink emulator for project ${server.emulator.projectId} on ${server.url}\n` +
      `  API base URL: ${server.url}\n  outbox:       ${server.url}/emulator\n`,
  );
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
