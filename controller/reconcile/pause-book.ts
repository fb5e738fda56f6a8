// Which CRs are in the pause a child's `sleep` started (shared/render/pause.ts), in memory, per
// controller. A reconcile during the pause (the child's own watch event queues the CR at once)
// stops after that child again, so the children after it still come only once the pause is over.
// Entries end when their pause does; a restart forgets them (the pause then starts again only if
// the sleeping child is written again). Bounded by the CRs paused at one time.

export interface Hold {
  /** refKey of the child the pause follows. */
  child: string;
  /** What is left of the pause. */
  ms: number;
  /** The whole pause, as the child asked for it. */
  total: number;
}

export class PauseBook {
  private readonly entries = new Map<string, { child: string; until: number; total: number }>();

  /** The running pause of this CR, if any (an ended one is forgotten). */
  hold(cr: string, now: number): Hold | undefined {
    const entry = this.entries.get(cr);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(cr);
      return undefined;
    }
    return { child: entry.child, ms: entry.until - now, total: entry.total };
  }

  start(cr: string, child: string, now: number, total: number): void {
    this.entries.set(cr, { child, until: now + total, total });
  }

  get size(): number {
    return this.entries.size;
  }
}
