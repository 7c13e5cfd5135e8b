import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { clientFor, describeJourneys } from '../emulator/journeys';
import { createEmulatorHandlers, readOutbox, waitForMessage } from '../../src/emulator/msw';

const BASE = 'https://api.descope.com';

describeJourneys('MSW handlers in jsdom', async (options) => {
  const handlers = createEmulatorHandlers(options);
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return { client: clientFor(BASE), emulator: handlers.emulator, baseUrl: BASE, close: () => server.close() };
});

describe('the MSW adapter', () => {
  it('runs in jsdom', () => {
    expect(typeof window).toBe('object');
  });

  it('answers the base URL derived from the project id, and the outbox helpers read it', async () => {
    const handlers = createEmulatorHandlers({ projectId: 'PregionalProject', users: [{ loginId: 'h@example.com', email: 'h@example.com' }] });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const { createClient } = await import('../../src/client');
      const client = createClient({ projectId: 'PregionalProject', retryDelaysMs: [] });
      const waiting = waitForMessage(handlers, { to: 'h@example.com' });
      await client.otp.signIn({ method: 'email', loginId: 'h@example.com' });
      const message = await waiting;
      expect(message.code).toMatch(/^\d{6}$/);
      expect(readOutbox(handlers)).toEqual([message]);
      expect(readOutbox(handlers.emulator, { to: 'other@example.com' })).toEqual([]);
    } finally {
      server.close();
    }
  });
});
