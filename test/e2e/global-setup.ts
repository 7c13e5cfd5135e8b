/**
 * The e2e project's global setup: one `scripts/start.ts` (dev server + emulator) on two ports
 * the system reports free at that moment (never a developer's `npm start`, nor a second test run
 * beside this one), stopped by its pid after the run.
 */
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startDemoServer, type DemoServer } from './demo-server';

declare module 'vitest' {
  export interface ProvidedContext {
    demoUrl: string;
    emulatorUrl: string;
  }
}

/** A loopback port nothing listens on now (the system's pick). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** Another process may take a probed port before start.ts binds it: then new ports, a few times. */
async function startOnFreePorts(attempts = 3): Promise<DemoServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDemoServer({ demoPort: await freePort(), emulatorPort: await freePort() });
    } catch (error) {
      if (attempt >= attempts || !(error instanceof Error) || !/already in use/.test(error.message)) throw error;
    }
  }
}

export default async function setup(project: TestProject) {
  const server = await startOnFreePorts();
  project.provide('demoUrl', server.demoUrl);
  project.provide('emulatorUrl', server.emulatorUrl);
  return async () => {
    await server.stop();
  };
}
