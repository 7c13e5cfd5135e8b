/**
 * `npm start`: the demo app and the local emulator, both on 127.0.0.1, in one process.
 *
 *   npm start                 dev server with hot reload
 *   npm start -- --preview    a production build, served (what the benchmark measures)
 *
 * Ports: PASSLINK_DEMO_PORT (5173; 4173 with --preview) and PASSLINK_EMULATOR_PORT (4500). A port
 * in use is an error, never silently another. Ctrl-C stops both.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { startEmulatorServer, type SeedUser } from '../src/emulator/node';

const root = fileURLToPath(new URL('..', import.meta.url));
const previewMode = process.argv.includes('--preview');
const host = '127.0.0.1';
const demoPort = Number(process.env.PASSLINK_DEMO_PORT ?? (previewMode ? 4173 : 5173));
const emulatorPort = Number(process.env.PASSLINK_EMULATOR_PORT ?? 4500);
const demoUrl = `http://${host}:${demoPort}`;

// Started by the tests (PASSLINK_EXIT_WITH_PARENT=1): a test runner killed outright (SIGKILL, a
// CI timeout) cannot stop us, and an orphan would hold the ports. Stop when the parent is gone.
if (process.env.PASSLINK_EXIT_WITH_PARENT === '1') {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
  }, 1000).unref();
}

async function main() {
  const users = JSON.parse(readFileSync(`${root}/demo/seed.json`, 'utf8')) as SeedUser[];
  const emulator = await startEmulatorServer({
    host,
    port: emulatorPort,
    users,
    approvedDomains: ['127.0.0.1', 'localhost'],
    defaultRedirectUrl: `${demoUrl}/verify`,
  });
  process.env.VITE_PASSLINK_BASE_URL = emulator.url;
  process.env.VITE_PASSLINK_PROJECT_ID = emulator.emulator.projectId;

  const configFile = `${root}/demo/vite.config.ts`;
  let server: ViteDevServer | PreviewServer;
  try {
    if (previewMode) {
      await build({ configFile, logLevel: 'warn' });
      server = await preview({ configFile, preview: { host, port: demoPort, strictPort: true } });
    } else {
      server = await createServer({ configFile, server: { host, port: demoPort, strictPort: true } });
      await server.listen();
    }
  } catch (error) {
    await emulator.close();
    throw error;
  }

  console.log(
    `passlink demo: ${demoUrl}  (emulator ${emulator.url}, outbox ${emulator.url}/emulator; project ${emulator.emulator.projectId}). Ctrl-C stops both.`,
  );

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    Promise.allSettled([server.close(), emulator.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`passlink demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
