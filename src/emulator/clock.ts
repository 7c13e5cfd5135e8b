/**
 * The emulator's clock: the configured time source plus however far tests moved it forward.
 */
export class Clock {
  #offsetMs = 0;

  constructor(private readonly source: () => number = Date.now) {}

  /** Milliseconds since the epoch. */
  now(): number {
    return this.source() + this.#offsetMs;
  }

  /** Whole seconds since the epoch. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Moves the clock forward by `seconds`. */
  advance(seconds: number): void {
    this.#offsetMs += seconds * 1000;
  }

  /** Back to the source's time. */
  reset(): void {
    this.#offsetMs = 0;
  }
}
