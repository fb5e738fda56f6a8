// The work one render may do, across every template, condition and forEach item of one CR: a count
// of steps and a wall-clock deadline checked as steps are spent. Each template is bounded on its
// own; this bounds their sum, so no CR can hold a worker (and the one thread) for long.
import { OrkError } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { WorkBudget } from '../template/index.js';

export interface RenderBudgetOptions {
  /** Steps one render may take (template steps, strings visited, regex characters scanned). */
  maxSteps?: number;
  /** Milliseconds one render may take; checked only when `now` is given (render has no clock). */
  deadlineMs?: number;
  /** A monotonic clock in milliseconds, e.g. performance.now. */
  now?: () => number;
}

/** How many steps pass between two looks at the clock: cheap, yet well under a millisecond apart. */
const CLOCK_EVERY = 4096;

export class RenderBudget implements WorkBudget {
  private left: number;
  private untilClock = CLOCK_EVERY;
  private readonly maxSteps: number;
  private readonly deadlineMs: number;
  private readonly deadline: number | undefined;

  constructor(
    private readonly cr: string,
    private readonly options: RenderBudgetOptions = {},
  ) {
    this.maxSteps = options.maxSteps ?? LIMITS.renderSteps;
    this.deadlineMs = options.deadlineMs ?? LIMITS.renderDeadlineMs;
    this.left = this.maxSteps;
    this.deadline = options.now ? options.now() + this.deadlineMs : undefined;
  }

  spend(units: number): void {
    this.left -= units;
    if (this.left < 0) {
      // The message names only the limit, never the count reached or the time taken: the same CR
      // must give the same Ready message, so that recording it does not wake the CR again.
      this.exceeded(`takes more than ${this.maxSteps} steps`);
    }
    this.untilClock -= units;
    if (this.untilClock <= 0) {
      this.untilClock = CLOCK_EVERY;
      if (this.deadline !== undefined && (this.options.now as () => number)() > this.deadline) {
        this.exceeded(`takes longer than ${this.deadlineMs} ms`);
      }
    }
  }

  private exceeded(what: string): never {
    throw new OrkError(
      'RENDER_BUDGET_EXCEEDED',
      `rendering CR ${this.cr} ${what} (the per-CR render budget); shrink the lists the CR feeds to forEach/range, or raise the budget (docs/reconcile.md)`,
    );
  }
}
