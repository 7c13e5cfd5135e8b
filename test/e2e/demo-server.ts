/**
 * Starts `scripts/start.ts` (the demo and the emulator in one node process) as a child this
 * process owns, and stops it by its pid. Used by the e2e global setup and by
 * `scripts/bench-page.ts`; never goes through npm, so the pid is the server's own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface DemoServerOptions {
  demoPort: number;
  emulatorPort: number;
  /** `--preview`: a production build, served. Default: false (the dev server). */
  preview?: boolean;
  /** How long to wait for the ready line. Default: 60000 ms. */
  readyTimeoutMs?: number;
}

export interface DemoServer {
  /** e.g. `http://127.0.0.1:5273` */
  demoUrl: string;
  /** e.g. `http://127.0.0.1:4600` */
  emulatorUrl: string;
  pid: number;
  /** SIGINT, then SIGKILL after 5 s if it is still running. Resolves once it has exited. */
  stop(): Promise<void>;
}

const READY = /passlink demo: (http:\/\/\S+)\s+\(emulator (http:\/\/[^\s,]+),/;

/** The environment of a plain `npm start`: the test runner's own variables removed. */
const childEnv = (options: DemoServerOptions): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name === 'NODE_ENV' || name.startsWith('VITEST') || name.startsWith('VITE_') || name === 'TEST') continue;
    env[name] = value;
  }
  env.PASSLINK_DEMO_PORT = String(options.demoPort);
  env.PASSLINK_EMULATOR_PORT = String(options.emulatorPort);
  env.PASSLINK_EXIT_WITH_PARENT = '1';
  return env;
};

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const args = ['--import', 'tsx', 'scripts/start.ts', ...(options.preview ? ['--preview'] : [])];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: childEnv(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn node scripts/start.ts');

  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = exited(child);
    child.kill('SIGINT');
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }, 5000);
    await done;
    clearTimeout(timer);
  };

  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  try {
    const urls = await new Promise<{ demoUrl: string; emulatorUrl: string }>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`scripts/start.ts printed no ready line within ${timeoutMs / 1000} s.\nstderr:\n${stderr}\nstdout:\n${stdout}`));
      }, timeoutMs);
      child.stdout?.on('data', (chunk: string) => {
        stdout += chunk;
        const match = READY.exec(stdout);
        if (match?.[1] && match[2]) {
          clearTimeout(timer);
          resolve({ demoUrl: match[1], emulatorUrl: match[2] });
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`scripts/start.ts exited (${signal ?? `code ${code}`}) before it was ready.\nstderr:\n${stderr}\nstdout:\n${stdout}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    // Keep draining output so a chatty server never blocks on a full pipe.
    child.stdout?.resume();
    return { ...urls, pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
