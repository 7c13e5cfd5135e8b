/**
 * The e2e project's global setup: one `scripts/start.ts` (dev server + emulator) on ports of its
 * own (5273 / 4600, never a developer's `npm start`), stopped by its pid after the run.
 */
import type { TestProject } from 'vitest/node';
import { startDemoServer } from './demo-server';

declare module 'vitest' {
  export interface ProvidedContext {
    demoUrl: string;
    emulatorUrl: string;
  }
}

export const E2E_DEMO_PORT = 5273;
export const E2E_EMULATOR_PORT = 4600;

export default async function setup(project: TestProject) {
  const server = await startDemoServer({ demoPort: E2E_DEMO_PORT, emulatorPort: E2E_EMULATOR_PORT });
  project.provide('demoUrl', server.demoUrl);
  project.provide('emulatorUrl', server.emulatorUrl);
  return async () => {
    await server.stop();
  };
}
