/**
 * `npm run bench:emulator`: how fast the emulator answers, and whether its memory follows what is
 * live rather than how much happened.
 *
 * 1. Core (in-process, `emulator.handle`, no sockets):
 *    - seeds 50,000 users in one POST /emulator/users (about 3 MiB of JSON);
 *    - 10,000 OTP sends to distinct users, then the 10,000 verifies of those codes;
 *    - on a fresh emulator with the same 50,000 users: 100,000 full sign-ins (send + verify)
 *      cycling over them, with the emulator's clock moved 60 s forward every 1,000 sign-ins and
 *      refresh JWTs living 600 s, so about 10,000 sessions are live at any time; heap used
 *      (after `gc()` when run with --expose-gc, as the npm script does) after 10,000 and after
 *      100,000 sign-ins, with the records the emulator holds.
 * 2. HTTP (the Node server on 127.0.0.1:4789, or PASSLINK_BENCH_EMULATOR_PORT): a 1 MiB seed
 *    POST (about 48,000 users), then full sign-ins from 16 concurrent clients (fetch, keep-alive)
 *    for 5,000 sign-ins.
 *
 * Each phase stops at its count or its time limit, whichever comes first (the whole run is
 * bounded to a few minutes), and says so. Rates are per second of wall time; p99 is the 99th
 * percentile latency of one request. Nothing is asserted: a 2-core machine shared with other work
 * is noisy, and the figures are for the README, to compare runs on one machine.
 */
import { cpus, loadavg } from 'node:os';
import { createEmulator, type Emulator, type EmulatorOptions } from '../src/emulator';
import { startEmulatorServer } from '../src/emulator/node';

const PORT = Number(process.env.PASSLINK_BENCH_EMULATOR_PORT ?? 4789);
const PROJECT = 'PbenchProject';
const SEEDED = 50_000;
const gc = (globalThis as { gc?: () => void }).gc;

const options: EmulatorOptions = { projectId: PROJECT, refreshTtlSeconds: 600, outboxSize: 1000 };
const emailOf = (i: number) => `u${i}@example.com`;

/**
 * Latencies of one kind of request, ms, in a typed array allocated up front: its memory is
 * outside the JS heap and does not grow, so the heap figures are the emulator's.
 */
class Latencies {
  #values: Float64Array;
  #count = 0;
  constructor(capacity: number) {
    this.#values = new Float64Array(capacity);
  }
  add(ms: number) {
    if (this.#count < this.#values.length) this.#values[this.#count++] = ms;
  }
  percentile(p: number) {
    const sorted = this.#values.slice(0, this.#count).sort();
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  }
}

const timed = async <T>(latencies: Latencies, run: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await run();
  latencies.add(performance.now() - started);
  return result;
};

/**
 * Codes as they are "sent", by login id (the outbox keeps only the last 1,000). `take` forgets
 * a code once read, so the bench's own memory does not grow with the sign-ins.
 */
const codesOf = (emulator: Emulator) => {
  const codes = new Map<string, string>();
  emulator.outbox.subscribe((message) => {
    if (message.code) codes.set(message.loginId, message.code);
  });
  return {
    take(loginId: string) {
      const code = codes.get(loginId);
      codes.delete(loginId);
      return code;
    },
  };
};

const seedBody = (count: number) => JSON.stringify(Array.from({ length: count }, (_, i) => ({ loginId: emailOf(i), email: emailOf(i) })));

const heapMiB = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
};

const rows: string[][] = [];
const row = (what: string, count: number, seconds: number, p50: number, p99: number, note = '') =>
  rows.push([what, count.toLocaleString('en'), `${seconds.toFixed(1)} s`, Math.round(count / seconds).toLocaleString('en'), p50.toFixed(2), p99.toFixed(2), note]);

const print = (title: string) => {
  const header = ['', 'count', 'time', 'per s', 'p50 ms', 'p99 ms', ''];
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((r) => (r[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  process.stdout.write(`\n${title}\n${line(header)}\n${rows.map(line).join('\n')}\n`);
  rows.length = 0;
};

/** An emulator seeded with SEEDED users, and a POST helper for it. */
const seededEmulator = async () => {
  const emulator = createEmulator(options);
  const codes = codesOf(emulator);
  const auth = { Authorization: `Bearer ${PROJECT}`, 'Content-Type': 'application/json' };
  const post = (url: string, body: unknown, client: string) =>
    emulator.handle({ method: 'POST', url, headers: auth, body: JSON.stringify(body), client });
  const seed = seedBody(SEEDED);
  const started = performance.now();
  const seeded = await emulator.handle({ method: 'POST', url: '/emulator/users', headers: {}, body: seed });
  if (seeded.status !== 200) throw new Error(`seed answered ${seeded.status}`);
  return { emulator, codes, post, seedMiB: seed.length / 1_048_576, seedSeconds: (performance.now() - started) / 1000 };
};

async function core() {
  await sendsAndVerifies();
  await signInsAndMemory();
}

/** Sends to distinct users, then verifies of those codes. */
async function sendsAndVerifies() {
  const first = await seededEmulator();
  process.stdout.write(`core: seeded ${SEEDED.toLocaleString('en')} users (${first.seedMiB.toFixed(1)} MiB) in one POST in ${first.seedSeconds.toFixed(2)} s\n`);

  const sends = new Latencies(10_000);
  let started = performance.now();
  let count = 0;
  for (; count < 10_000 && performance.now() - started < 60_000; count++) {
    const answer = await timed(sends, () => first.post('/v1/auth/otp/signin/email', { loginId: emailOf(count) }, `c${count % 1000}`));
    if (answer.status !== 200) throw new Error(`send answered ${answer.status}: ${answer.body}`);
  }
  row('OTP sends', count, (performance.now() - started) / 1000, sends.percentile(50), sends.percentile(99));

  const verifies = new Latencies(10_000);
  const sent = count;
  started = performance.now();
  for (count = 0; count < sent && performance.now() - started < 60_000; count++) {
    const loginId = emailOf(count);
    const answer = await timed(verifies, () => first.post('/v1/auth/otp/verify/email', { loginId, code: first.codes.take(loginId) }, `c${count % 1000}`));
    if (answer.status !== 200) throw new Error(`verify answered ${answer.status}: ${answer.body}`);
  }
  row('OTP verifies', count, (performance.now() - started) / 1000, verifies.percentile(50), verifies.percentile(99));
}

/** Full sign-ins on a fresh emulator, with the heap and the records it holds. */
async function signInsAndMemory() {
  const { emulator, codes, post } = await seededEmulator();
  const signIns = new Latencies(100_000);
  const heap: string[] = [`  at start (${SEEDED.toLocaleString('en')} users, no sessions): heap used ${heapMiB().toFixed(1)} MiB`];
  const started = performance.now();
  const limitMs = 180_000;
  let count = 0;
  for (; count < 100_000 && performance.now() - started < limitMs; count++) {
    const loginId = emailOf((count * 7919) % SEEDED);
    const client = `c${count % 1000}`;
    await timed(signIns, async () => {
      const send = await post('/v1/auth/otp/signin/email', { loginId }, client);
      const verify = await post('/v1/auth/otp/verify/email', { loginId, code: codes.take(loginId) }, client);
      if (send.status !== 200 || verify.status !== 200) throw new Error(`sign-in answered ${send.status}/${verify.status}`);
    });
    if (count + 1 === 10_000 || count + 1 === 100_000) {
      const stats = emulator.stats();
      heap.push(
        `  after ${(count + 1).toLocaleString('en')} sign-ins: heap used ${heapMiB().toFixed(1)} MiB` +
          ` (sessions ${stats.refreshTokens}, codes ${stats.codes}, rate counters ${stats.rateCounters}, outbox ${stats.outbox})`,
      );
    }
    if ((count + 1) % 1000 === 0) emulator.advanceClock(60);
  }
  const seconds = (performance.now() - started) / 1000;
  row('full sign-ins', count, seconds, signIns.percentile(50), signIns.percentile(99), count < 100_000 ? `(stopped at ${limitMs / 1000} s)` : '');
  print(`core (in-process, one request at a time; ${SEEDED.toLocaleString('en')} users)`);
  process.stdout.write(`${heap.join('\n')}\n`);
}

async function http() {
  const server = await startEmulatorServer({ ...options, port: PORT, rateLimits: { requestsPerClient: 1e9 } });
  try {
    const codes = codesOf(server.emulator);
    const seed: string[] = [];
    let bytes = 2;
    for (let i = 0; bytes < 1_048_000; i++) {
      const item = JSON.stringify({ loginId: emailOf(i) });
      seed.push(item);
      bytes += item.length + 1;
    }
    let started = performance.now();
    const seeded = await fetch(`${server.url}/emulator/users`, { method: 'POST', body: `[${seed.join(',')}]` });
    if (seeded.status !== 200) throw new Error(`seed answered ${seeded.status}`);
    process.stdout.write(`\nHTTP: seeded ${seed.length.toLocaleString('en')} users (1 MiB) in one POST in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
    // The 1 MiB seed carries login ids only (as many users as fit); sign-ins need an email address.
    const users = 5_000;
    await fetch(`${server.url}/emulator/users`, {
      method: 'POST',
      body: JSON.stringify(Array.from({ length: users }, (_, i) => ({ loginId: `p${i}@example.com`, email: `p${i}@example.com` }))),
    });

    const requests = new Latencies(10_000);
    const signIns = new Latencies(5_000);
    const headers = { Authorization: `Bearer ${PROJECT}`, 'Content-Type': 'application/json' };
    const request = (path: string, body: unknown) =>
      timed(requests, async () => {
        const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      });
    let next = 0;
    let done = 0;
    const total = 5_000;
    const limitMs = 60_000;
    started = performance.now();
    const worker = async () => {
      while (next < total && performance.now() - started < limitMs) {
        const loginId = `p${next++ % users}@example.com`;
        await timed(signIns, async () => {
          await request('/v1/auth/otp/signin/email', { loginId });
          await request('/v1/auth/otp/verify/email', { loginId, code: codes.take(loginId) });
        });
        if (++done % 1000 === 0) server.emulator.advanceClock(60);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const seconds = (performance.now() - started) / 1000;
    row('requests (send or verify)', done * 2, seconds, requests.percentile(50), requests.percentile(99));
    row('full sign-ins', done, seconds, signIns.percentile(50), signIns.percentile(99), done < total ? `(stopped at ${limitMs / 1000} s)` : '');
    print(`HTTP (127.0.0.1:${PORT}, 16 concurrent clients)`);
  } finally {
    await server.close();
  }
}

process.stdout.write(
  `passlink emulator benchmark: Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}${gc ? '' : ' (run with --expose-gc for heap figures after a collection)'}\n`,
);
await core();
await http();
