// A percentile over the last `window` values, kept sorted as values come and go, so reading it is
// one array access. `.metrics.reconcileDurationP95Ms` is read at every reconcile (each template
// context carries `.metrics`): copying and sorting the window there cost 1.8 % of the
// controller's CPU while filling 3,000 CRs (docs/benchmarks.md, *Ninth pass*).
export class RollingPercentile {
  /** The values in arrival order; `next` is where the next one goes once the window is full. */
  private readonly arrivals: number[] = [];
  private next = 0;
  /** The same values, ascending. */
  private readonly sorted: number[] = [];

  constructor(private readonly window: number, private readonly fraction: number) {
    if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
    if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  }

  /** Adds a value, dropping the oldest once the window is full; a value that is not finite is ignored. */
  add(value: number): void {
    if (!Number.isFinite(value)) return;
    if (this.arrivals.length < this.window) this.arrivals.push(value);
    else {
      const oldest = this.arrivals[this.next]!;
      this.arrivals[this.next] = value;
      this.next = (this.next + 1) % this.window;
      this.sorted.splice(lowerBound(this.sorted, oldest), 1);
    }
    this.sorted.splice(lowerBound(this.sorted, value), 0, value);
  }

  /** The nearest-rank percentile of the values in the window; 0 when there are none. */
  value(): number {
    const n = this.sorted.length;
    return n === 0 ? 0 : this.sorted[Math.max(0, Math.ceil(n * this.fraction) - 1)]!;
  }
}

/** The first index whose value is not below `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
