import { execFile } from 'node:child_process';
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
});
