/**
 * The harnesses' hold on the (MSW) network, so that no test synchronises on the clock:
 *
 * - `holdRequests`: requests wait at the server until the test lets them go, to look at a pending
 *   state (a "Sending…" button, `isPending`) for exactly as long as the test needs. A latency of
 *   N ms instead is a race: a busy machine can spend N ms before the test looks.
 * - `networkIdle`: to show that something did NOT happen (no second request, no second callback),
 *   wait until the app is done (no request at the server, none started while React handles the
 *   last answers) and then look. A pause of N ms instead proves nothing on a slow machine.
 */
import { act, waitFor } from '@testing-library/react';
import { http } from 'msw';
import type { SetupServer } from 'msw/node';
import { expect } from 'vitest';

export interface HeldRequests {
  /** Resolves once the first held request has reached the server (it is in flight). */
  arrived: Promise<void>;
  /** How many requests wait at the server now. */
  readonly waiting: number;
  /** Lets the held requests, and every later one, go on to the emulator. */
  release(): void;
}

/** Holds every request to `server` whose path contains `part`, until `release()`. */
export function holdRequests(server: SetupServer, part: string): HeldRequests {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  let waiting = 0;
  server.use(
    http.all('*', async ({ request }) => {
      if (!new URL(request.url).pathname.includes(part)) return undefined;
      waiting += 1;
      arrive();
      await released;
      waiting -= 1;
      // No response: MSW asks the next handler, the emulator's.
      return undefined;
    }),
  );
  return {
    arrived,
    get waiting() {
      return waiting;
    },
    release,
  };
}

/** Counts the requests `server` is answering; `idle()` resolves once the app is quiet. */
export function networkIdle(server: SetupServer): () => Promise<void> {
  let started = 0;
  let inFlight = 0;
  server.events.on('request:start', () => {
    started += 1;
    inFlight += 1;
  });
  server.events.on('request:end', () => {
    inFlight -= 1;
  });
  server.events.on('unhandledException', () => {
    inFlight -= 1;
  });
  return async () => {
    for (let seen = -1; seen !== started; ) {
      seen = started;
      await waitFor(() => expect(inFlight, 'requests still at the server (a held one not released?)').toBe(0));
      // The client reads the answers and React renders what they changed and runs the effects that
      // follow (a redirect, a callback, another request): a few turns of the event loop, not a time.
      for (let turn = 0; turn < 5; turn++) {
        await act(() => new Promise<void>((resolve) => setImmediate(resolve)));
      }
    }
  };
}
