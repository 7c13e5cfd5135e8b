import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../src/emulator/cli.ts', import.meta.url));

/** Runs the CLI with `args`; every case here is refused before it listens (port 0 if it were not). */
const run = (...args: string[]) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, '--port', '0', ...args], { timeout: 30_000 }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr });
    });
  });

describe('the emulator CLI', () => {
  it.each([['0'], ['1.5'], ['11'], ['six']])('refuses --otp-length %s with a message, before listening', async (value) => {
    const { code, stderr } = await run('--otp-length', value);
    expect(code).toBe(1);
    expect(stderr).toContain(`--otp-length takes a whole number from 4 to 10, not "${value}"`);
  });

  it('refuses a fractional TTL', async () => {
    const { code, stderr } = await run('--otp-ttl', '1.5');
    expect(code).toBe(1);
    expect(stderr).toContain('--otp-ttl');
  });

  it.each([
    [['--session-delivery', 'header'], '--session-delivery takes body, cookie, not "header"'],
    [['--cookie-same-site', 'lax'], '--cookie-same-site takes Strict, Lax, None, not "lax"'],
    [['--refresh-cookie-name', 'D SR'], 'cookies.refreshName is a cookie name'],
  ])('refuses %j with a message, before listening', async (args, message) => {
    const { code, stderr } = await run(...args);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });

  it('passes the delivery and cookie flags to the emulator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passlink-cli-'));
    const seed = join(dir, 'users.json');
    writeFileSync(seed, JSON.stringify([{ loginId: 'ada@example.com', email: 'ada@example.com' }]));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', cli, '--port', '0', '--seed', seed, '--refresh-delivery', 'cookie', '--cookie-same-site', 'Lax', '--cookie-domain', 'localhost', '--cookie-insecure', '--refresh-cookie-name', 'APP_R'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /API base URL: (\S+)/.exec(out)?.[1];
          if (found) resolve(found);
        });
        child.once('exit', (code) => reject(new Error(`the CLI exited with ${String(code)}`)));
      });
      const answer = await fetch(`${url}/emulator/sessions`, { method: 'POST', body: JSON.stringify({ loginId: 'ada@example.com' }) });
      const body = (await answer.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ refreshJwt: '', cookieName: 'APP_R', cookieDomain: 'localhost', sessionJwt: expect.stringMatching(/^eyJ/) });
      const cookies = answer.headers.getSetCookie();
      expect(cookies).toHaveLength(1);
      expect(cookies[0]).toMatch(/^APP_R=eyJ[^;]+; Path=\/; Domain=localhost; Max-Age=2592000; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    } finally {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
