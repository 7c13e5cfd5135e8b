import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator';

export * from './index';

/** Options of {@link startEmulatorServer}: the emulator's, plus where to listen. */
export interface EmulatorServerOptions extends EmulatorOptions {
  /** TCP port; 0 picks a free one. A port in use is an error, never silently another. Default: 4500. */
  port?: number;
  /**
   * Address to bind. Default: `'127.0.0.1'` (loopback only). Bind anything else only on purpose:
   * the emulator hands out sessions to anyone who asks.
   */
  host?: string;
  /**
   * Origins allowed by CORS besides local ones (`http(s)://localhost`, `127.x.x.x` and `[::1]`
   * on any port). Default: none.
   */
  corsOrigins?: string[];
  /** Use this emulator instead of creating one from the options. Default: a new one. */
  emulator?: Emulator;
  /** Largest request body accepted, bytes. Default: 1048576 (1 MiB). */
  maxBodyBytes?: number;
  /**
   * How long a client may take to send a whole request (headers and body), milliseconds: a body
   * shorter than its `Content-Length` is answered 408 and the connection closed after this,
   * instead of holding a socket for Node's default 300 s. Default: 10000.
   */
  requestTimeoutMs?: number;
}

/** A running emulator server. */
export interface EmulatorServer {
  /** Base URL, e.g. `http://127.0.0.1:4500`: pass it as the client's `baseUrl`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly emulator: Emulator;
  /** Stops listening and ends open connections (outbox streams included). */
  close(): Promise<void>;
}

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?$/;
const LOCAL_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

/** An error answer from the adapter itself, shaped like the API's (`E011001`). */
const refuse = (response: ServerResponse, status: number, errorDescription: string, errorMessage?: string) => {
  if (!response.headersSent) response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify({ errorCode: 'E011001', errorDescription, ...(errorMessage ? { errorMessage } : {}) }));
};

const readBody = (request: IncomingMessage, limit: number) =>
  new Promise<string | undefined>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/**
 * Starts the emulator as an HTTP server on loopback: the contract's API, the outbox API
 * (`GET`/`DELETE /emulator/outbox`, the live stream at `/emulator/outbox/stream`), seeding
 * (`POST /emulator/users`), faults (`/emulator/faults`), the clock, rate limits, reset, and the
 * outbox page at `/emulator`.
 *
 * @throws Error when the port is in use or the address cannot be bound.
 */
export async function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const emulator = options.emulator ?? createEmulator(options);
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const requestTimeout = options.requestTimeoutMs ?? 10_000;
  if (!(Number.isInteger(requestTimeout) && requestTimeout > 0)) throw new RangeError('requestTimeoutMs is a positive integer');
  const extraOrigins = new Set(options.corsOrigins ?? []);

  const allowedOrigin = (origin: string | undefined): origin is string =>
    !!origin && (LOCAL_ORIGIN.test(origin) || extraOrigins.has(origin));

  const cors = (request: IncomingMessage, response: ServerResponse) => {
    const origin = request.headers.origin;
    if (!allowedOrigin(origin)) return;
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Access-Control-Allow-Credentials', 'true');
    response.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    response.setHeader('Vary', 'Origin');
  };

  const stream = (request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write('retry: 2000\n\n');
    const unsubscribe = emulator.outbox.subscribe((message) => {
      response.write(`id: ${message.id}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`);
    });
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    request.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  };

  const allowedHost = (header: string | undefined) => {
    // Host, without the port ([::1]:4500 → [::1], localhost:4500 → localhost).
    const name = (header ?? '').replace(/:\d+$/, '').toLowerCase();
    return LOCAL_HOST.test(name) || name === host.toLowerCase() || name === `[${host.toLowerCase()}]`;
  };

  const server = createServer(
    {
      requestTimeout: requestTimeout,
      // Node refuses a headers timeout longer than the request timeout.
      headersTimeout: Math.min(requestTimeout, 60_000),
      // Node checks those timeouts on this interval (30 s by default): a short timeout needs it shorter.
      connectionsCheckingInterval: Math.min(requestTimeout, 1_000),
    },
    (request, response) => {
      // DNS rebinding: a page on another name that resolves here would be same-origin with the
      // emulator; answer only requests addressed to a local name (or the bound host).
      if (!allowedHost(request.headers.host)) {
        refuse(response, 421, 'bad request', 'Unknown Host');
        return;
      }
      cors(request, response);
      const method = request.method ?? 'GET';
      // A cross-site page can still send "simple" requests (no preflight): nothing that changes
      // state is taken from an origin CORS would not allow.
      const origin = request.headers.origin;
      if (method !== 'GET' && method !== 'OPTIONS' && origin && !allowedOrigin(origin)) {
        refuse(response, 403, 'bad request', 'Origin not allowed');
        return;
      }
      if (method === 'OPTIONS') {
        response.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
        response.setHeader(
          'Access-Control-Allow-Headers',
          request.headers['access-control-request-headers'] ?? 'authorization, content-type',
        );
        response.setHeader('Access-Control-Max-Age', '600');
        response.writeHead(204).end();
        return;
      }
      const url = request.url ?? '/';
      if (method === 'GET' && url.split('?')[0] === '/emulator/outbox/stream') {
        stream(request, response);
        return;
      }
      readBody(request, maxBodyBytes)
        .then(async (body) => {
          if (body === undefined) {
            refuse(response, 413, 'bad request', 'Body too large');
            return;
          }
          const answer = await emulator.handle({
            method,
            url,
            headers: request.headers as Record<string, string | undefined>,
            body,
            client: request.socket.remoteAddress ?? 'local',
          });
          if (answer.cookies.length) response.setHeader('Set-Cookie', answer.cookies);
          response.writeHead(answer.status, answer.headers);
          response.end(answer.body);
        })
        .catch(() => refuse(response, 500, 'internal error'));
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `passlink emulator: port ${options.port ?? 4500} on ${host} is already in use`
            : `passlink emulator: cannot listen on ${host}:${options.port ?? 4500} (${error.code ?? error.message})`,
        ),
      );
    });
    server.listen({ port: options.port ?? 4500, host, exclusive: true }, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 4500);
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
