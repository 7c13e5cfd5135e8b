import { afterEach, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { clientFor, describeJourneys } from './journeys';
import { startEmulatorServer, type EmulatorServer } from '../../src/emulator/node';

describeJourneys('Node HTTP server on loopback', async (options) => {
  const server = await startEmulatorServer({ ...options, port: 0 });
  return { client: clientFor(server.url), emulator: server.emulator, baseUrl: server.url, close: () => server.close() };
});

describe('the emulator HTTP server', () => {
  let server: EmulatorServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('binds loopback only unless told otherwise', async () => {
    server = await startEmulatorServer({ port: 0 });
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a port in use instead of picking another', async () => {
    server = await startEmulatorServer({ port: 0 });
    await expect(startEmulatorServer({ port: server.port })).rejects.toThrow(/already in use/);
  });

  it('allows local origins by CORS, with credentials, and no other origin', async () => {
    server = await startEmulatorServer({ port: 0 });
    const preflight = await fetch(`${server.url}/v1/auth/otp/signin/email`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:6006', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:6006');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type');

    const foreign = await fetch(`${server.url}/emulator/outbox`, { headers: { Origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the outbox API: list, clear, seed users, and the page', async () => {
    server = await startEmulatorServer({ port: 0 });
    const seeded = await fetch(`${server.url}/emulator/users`, {
      method: 'POST',
      body: JSON.stringify({ loginId: '+14155550142', phone: '+14155550142' }),
    });
    expect(seeded.status).toBe(200);
    await clientFor(server.url, server.emulator.projectId).otp.signIn({ method: 'sms', loginId: '+14155550142' });
    const outbox = (await (await fetch(`${server.url}/emulator/outbox`)).json()) as { messages: { to: string; code: string }[] };
    expect(outbox.messages).toHaveLength(1);
    expect(outbox.messages[0]?.to).toBe('+14155550142');
    expect(outbox.messages[0]?.code).toMatch(/^\d{6}$/);

    expect((await fetch(`${server.url}/emulator/outbox`, { method: 'DELETE' })).status).toBe(200);
    expect(((await (await fetch(`${server.url}/emulator/outbox`)).json()) as { messages: [] }).messages).toEqual([]);

    const page = await fetch(`${server.url}/emulator`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<h1>Outbox</h1>');

    const badSeed = await fetch(`${server.url}/emulator/users`, { method: 'POST', body: JSON.stringify({ phone: '12' }) });
    expect(badSeed.status).toBe(400);
  });

  it('streams new outbox messages as Server-Sent Events', async () => {
    server = await startEmulatorServer({ port: 0, users: [{ loginId: 'sse@example.com', email: 'sse@example.com' }] });
    const url = new URL(`${server.url}/emulator/outbox/stream`);
    // The server subscribes in the same turn as it answers the stream's headers: once they are
    // here, a message sent now is streamed.
    let connected!: () => void;
    const subscribed = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(url, (res) => {
        connected();
        expect(res.headers['content-type']).toBe('text/event-stream');
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const event = buffer.split('\n\n').find((block) => block.includes('event: message'));
          if (event) {
            resolve(event);
            req.destroy();
          }
        });
      });
      req.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
      req.end();
    });
    await subscribed;
    await clientFor(server.url, server.emulator.projectId).magicLink.signIn({ method: 'email', loginId: 'sse@example.com', redirectUrl: 'http://localhost:5173/v' });
    const event = await received;
    const data = JSON.parse(event.split('\n').find((line) => line.startsWith('data: '))?.slice(6) ?? '{}') as { to: string; link: string };
    expect(data.to).toBe('sse@example.com');
    expect(data.link).toMatch(/^http:\/\/localhost:5173\/v\?t=[0-9a-f]{64}$/);
  });

  it('injects faults: a status with an HTML body once, latency, a malformed body', async () => {
    server = await startEmulatorServer({ port: 0, users: [{ loginId: 'f@example.com', email: 'f@example.com' }] });
    await fetch(`${server.url}/emulator/faults`, {
      method: 'POST',
      body: JSON.stringify([{ path: '/otp/signin', status: 502, body: '<html>Bad gateway</html>' }, { latencyMs: 120 }]),
    });
    const gateway = await fetch(`${server.url}/v1/auth/otp/signin/email`, { method: 'POST', body: '{}' });
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toBe('text/html');
    expect(await gateway.text()).toBe('<html>Bad gateway</html>');

    const started = performance.now();
    await clientFor(server.url, server.emulator.projectId).otp.signIn({ method: 'email', loginId: 'f@example.com' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);

    await fetch(`${server.url}/emulator/faults`, { method: 'POST', body: JSON.stringify({ status: 200, body: '{"sessionJwt":' }) });
    const malformed = await fetch(`${server.url}/v1/auth/magiclink/verify`, { method: 'POST', body: '{}' });
    expect(await malformed.text()).toBe('{"sessionJwt":');
  });

  it('answers an oversized body with 413 and keeps serving', async () => {
    server = await startEmulatorServer({ port: 0, maxBodyBytes: 100 });
    const big = await fetch(`${server.url}/v1/auth/otp/signin/email`, { method: 'POST', body: JSON.stringify({ loginId: 'x'.repeat(500) }) });
    expect(big.status).toBe(413);
    const small = await fetch(`${server.url}/v1/auth/otp/signin/email`, {
      method: 'POST',
      headers: { Authorization: 'Bearer PpasslinkEmulator' },
      body: JSON.stringify({ loginId: 'nobody@example.com' }),
    });
    expect(small.status).toBe(400);
  });

  it('sets HttpOnly cookies and empties body tokens in cookie mode, and authorises by the DSR cookie', async () => {
    server = await startEmulatorServer({ port: 0, tokensInCookies: true, users: [{ loginId: 'c@example.com', email: 'c@example.com' }] });
    await clientFor(server.url, server.emulator.projectId).magicLink.signIn({ method: 'email', loginId: 'c@example.com', redirectUrl: 'http://localhost:5173/v' });
    const token = server.emulator.outbox.latest()?.token ?? '';
    const verified = await fetch(`${server.url}/v1/auth/magiclink/verify`, {
      method: 'POST',
      headers: { Authorization: 'Bearer PpasslinkEmulator' },
      body: JSON.stringify({ token }),
    });
    const body = (await verified.json()) as { sessionJwt: string; refreshJwt?: string };
    // Descope's zero values: the tokens travel as cookies.
    expect(body.sessionJwt).toBe('');
    expect(body.refreshJwt).toBe('');
    const cookies = verified.headers.getSetCookie();
    expect(cookies.map((cookie) => cookie.split('=')[0])).toEqual(['DS', 'DSR']);
    expect(cookies.every((cookie) => cookie.includes('HttpOnly'))).toBe(true);
    const dsr = cookies[1]?.split(';')[0] ?? '';
    const me = await fetch(`${server.url}/v1/auth/me`, { headers: { Authorization: 'Bearer PpasslinkEmulator', Cookie: dsr } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe('c@example.com');
  });

  it('answers only requests addressed to a local name (DNS rebinding), and takes no state change from a foreign origin', async () => {
    server = await startEmulatorServer({ port: 0, users: [{ loginId: 'r@example.com', email: 'r@example.com' }] });
    const raw = (path: string, method: string, headers: Record<string, string>, body?: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${server?.url}${path}`, { method, headers }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const rebound = await raw('/emulator/outbox', 'GET', { Host: `attacker.example:${server.port}` });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('messages');
    expect((await raw('/emulator/outbox', 'GET', { Host: `localhost:${server.port}` })).status).toBe(200);

    const crossSite = await raw('/emulator/sessions', 'POST', { Origin: 'https://evil.example', 'Content-Type': 'text/plain' }, JSON.stringify({ loginId: 'r@example.com' }));
    expect(crossSite.status).toBe(403);
    expect(crossSite.body).not.toContain('sessionJwt');
    const local = await raw('/emulator/sessions', 'POST', { Origin: 'http://localhost:5173' }, JSON.stringify({ loginId: 'r@example.com' }));
    expect(local.status).toBe(200);
  });

  it('refuses a magic-link URI that is not http(s), and a clock jump past what a date can hold', async () => {
    server = await startEmulatorServer({ port: 0, users: [{ loginId: 'j@example.com', email: 'j@example.com' }] });
    const client = clientFor(server.url, server.emulator.projectId);
    const refused = await client.magicLink
      .signIn({ method: 'email', loginId: 'j@example.com', redirectUrl: 'javascript://localhost/%0Aalert(1)' })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'E011003', status: 400 });
    expect(server.emulator.outbox.list()).toEqual([]);

    const jump = await fetch(`${server.url}/emulator/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 1e300 }) });
    expect(jump.status).toBe(400);
    await expect(client.otp.signIn({ method: 'email', loginId: 'j@example.com' })).resolves.toHaveProperty('maskedEmail');
  });

  it('answers a body past 1.5 MB with 413 under the default limit', async () => {
    server = await startEmulatorServer({ port: 0 });
    const big = await fetch(`${server.url}/emulator/users`, { method: 'POST', body: 'x'.repeat(1_600_000) });
    expect(big.status).toBe(413);
    expect(server.emulator.users()).toEqual([]);
  });

  it('refuses a POST from a foreign origin on every state-changing route', async () => {
    server = await startEmulatorServer({ port: 0, users: [{ loginId: 'o@example.com', email: 'o@example.com' }] });
    const routes = [
      '/v1/auth/otp/signin/email',
      '/v1/auth/magiclink/signin/email',
      '/v1/auth/otp/verify/email',
      '/v1/auth/refresh',
      '/emulator/users',
      '/emulator/sessions',
      '/emulator/faults',
      '/emulator/clock',
      '/emulator/reset',
    ];
    for (const route of routes) {
      const answer = await fetch(`${server.url}${route}`, {
        method: 'POST',
        headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain', Authorization: `Bearer ${server.emulator.projectId}` },
        body: JSON.stringify({ loginId: 'o@example.com', advanceSeconds: 60 }),
      });
      expect(answer.status, route).toBe(403);
    }
    expect(server.emulator.outbox.list()).toEqual([]);
    expect(server.emulator.users()).toHaveLength(1);
    expect(server.emulator.stats().refreshTokens).toBe(0);
  });

  it('answers a body shorter than its Content-Length with 408 after the request timeout, and keeps serving', async () => {
    server = await startEmulatorServer({ port: 0, requestTimeoutMs: 200 });
    const port = server.port;
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /emulator/users HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"loginId":`,
        );
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect((await fetch(`${server.url}/emulator/users`)).status).toBe(200);
  });
});
