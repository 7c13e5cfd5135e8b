/**
 * The most the emulator's clock can be moved forward in all, seconds: ten years. Expiry tests
 * need minutes or days; an unbounded total would, jump by jump, carry the clock past what a
 * `Date` can hold, and then every request would fail.
 */
export const MAX_CLOCK_ADVANCE_SECONDS = 315_360_000;

/**
 * The emulator's clock: the configured time source plus however far tests moved it forward
 * (at most {@link MAX_CLOCK_ADVANCE_SECONDS} in all, until a reset).
 */
export class Clock {
  #offsetSeconds = 0;

  constructor(private readonly source: () => number = Date.now) {}

  /** Milliseconds since the epoch. */
  now(): number {
    return this.source() + this.#offsetSeconds * 1000;
  }

  /** Whole seconds since the epoch. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** How many seconds the clock can still move forward. */
  get remainingSeconds(): number {
    return MAX_CLOCK_ADVANCE_SECONDS - this.#offsetSeconds;
  }

  /**
   * Moves the clock forward by `seconds`.
   * @throws RangeError when `seconds` is negative, not a number, or takes the total past ten years.
   */
  advance(seconds: number): void {
    if (!(seconds >= 0 && seconds <= this.remainingSeconds)) {
      throw new RangeError(
        `The clock moves forward by 0 to ${MAX_CLOCK_ADVANCE_SECONDS} seconds in all (ten years); ${this.remainingSeconds} remain until a reset`,
      );
    }
    this.#offsetSeconds += seconds;
  }

  /** Back to the source's time. */
  reset(): void {
    this.#offsetSeconds = 0;
  }
}
