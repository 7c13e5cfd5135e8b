import * as z from 'zod/mini';
import type { EmulatorResponse } from './types';

/** A failure to inject (`POST /emulator/faults`, or `emulator.addFault`). */
export interface Fault {
  /** Only requests whose path contains this. Default: every API request. */
  path?: string;
  /** Delay before answering, milliseconds, 0 to {@link MAX_FAULT_LATENCY_MS}. Default: 0. */
  latencyMs?: number;
  /**
   * Answer with this status (200 to 599: a 1xx is not a final answer) instead of handling the
   * request. Default: handle normally.
   */
  status?: number;
  /** The body for `status` (a malformed body, an HTML page …). Default: empty. */
  body?: string;
  /** Content type for `body`. Default: `text/html` when the body starts with `<`, else `application/json`. */
  contentType?: string;
  /** How many matching requests it applies to; 0 = until cleared. Default: 1. */
  times?: number;
}

/**
 * The longest latency a fault may add, milliseconds: one minute, longer than any client deadline
 * worth testing. A larger value is refused, never shortened (a timer past 2^31-1 ms would fire at
 * once).
 */
export const MAX_FAULT_LATENCY_MS = 60_000;

/** A fault as `POST /emulator/faults` and `emulator.addFault` take it. */
export const faultSchema = z.object({
  path: z.optional(z.string()),
  latencyMs: z.optional(z.number().check(z.nonnegative(), z.lte(MAX_FAULT_LATENCY_MS))),
  status: z.optional(z.number().check(z.int(), z.gte(200), z.lte(599))),
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

  /**
   * Adds a fault to inject.
   * @throws RangeError when the fault is outside {@link faultSchema} (a status outside 200..599,
   * a latency above {@link MAX_FAULT_LATENCY_MS} …).
   */
  add(fault: Fault): void {
    const parsed = z.safeParse(faultSchema, fault);
    if (!parsed.success) throw new RangeError(`Invalid fault: ${z.prettifyError(parsed.error)}`);
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
