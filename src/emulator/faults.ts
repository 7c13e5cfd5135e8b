import * as z from 'zod/mini';
import type { EmulatorResponse } from './types';

/** A failure to inject (`POST /emulator/faults`, or `emulator.addFault`). */
export interface Fault {
  /** Only requests whose path contains this. Default: every API request. */
  path?: string;
  /** Delay before answering, milliseconds. Default: 0. */
  latencyMs?: number;
  /** Answer with this status instead of handling the request. Default: handle normally. */
  status?: number;
  /** The body for `status` (a malformed body, an HTML page …). Default: empty. */
  body?: string;
  /** Content type for `body`. Default: `text/html` when the body starts with `<`, else `application/json`. */
  contentType?: string;
  /** How many matching requests it applies to; 0 = until cleared. Default: 1. */
  times?: number;
}

/** A fault as `POST /emulator/faults` takes it. */
export const faultSchema = z.object({
  path: z.optional(z.string()),
  latencyMs: z.optional(z.number().check(z.nonnegative())),
  status: z.optional(z.number().check(z.int(), z.gte(100), z.lte(599))),
  body: z.optional(z.string()),
  contentType: z.optional(z.string()),
  times: z.optional(z.number().check(z.int(), z.nonnegative())),
});

/**
 * The faults waiting to be injected into API requests (never into `/emulator/*`), first added
 * first used.
 */
export class Faults {
  #faults: (Fault & { times: number })[] = [];

  /** Every waiting fault, with how many times it still applies. */
  list(): readonly Fault[] {
    return this.#faults;
  }

  add(fault: Fault): void {
    this.#faults.push({ ...fault, times: fault.times ?? 1 });
  }

  clear(): void {
    this.#faults = [];
  }

  /** The first fault for `path`, counted as used once. */
  take(path: string): Fault | undefined {
    const index = this.#faults.findIndex((fault) => !fault.path || path.includes(fault.path));
    const fault = this.#faults[index];
    if (!fault) return undefined;
    if (fault.times === 1) this.#faults.splice(index, 1);
    else if (fault.times > 1) fault.times -= 1;
    return fault;
  }

  /**
   * Applies the next fault for `path`: waits its latency, then answers its status when it has one
   * (undefined: handle the request normally).
   */
  async inject(path: string): Promise<EmulatorResponse | undefined> {
    const fault = this.take(path);
    if (fault?.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault?.status === undefined) return undefined;
    const body = fault.body ?? '';
    const contentType = fault.contentType ?? (body.trimStart().startsWith('<') ? 'text/html' : 'application/json');
    return { status: fault.status, headers: body ? { 'Content-Type': contentType } : {}, cookies: [], body };
  }
}
