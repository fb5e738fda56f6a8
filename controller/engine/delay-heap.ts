// The queue's waiting room for keys added with a delay: a binary min-heap on ready time with one
// entry per key (an earlier time replaces a later one, a later one is ignored), so thousands of
// requeueAfter keys cost O(log n) each rather than a scan.

interface Entry {
  key: string;
  at: number;
}

export class DelayHeap {
  private readonly heap: Entry[] = [];
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.heap.length;
  }

  /** Schedules `key` at `at` unless it is already scheduled no later. Returns whether it changed. */
  offer(key: string, at: number): boolean {
    const i = this.index.get(key);
    if (i !== undefined) {
      if (this.heap[i]!.at <= at) return false;
      this.heap[i]!.at = at;
      this.up(i);
      return true;
    }
    this.heap.push({ key, at });
    this.index.set(key, this.heap.length - 1);
    this.up(this.heap.length - 1);
    return true;
  }

  /** Ready time of the soonest key. */
  peekAt(): number | undefined {
    return this.heap[0]?.at;
  }

  /** Removes and returns every key due at or before `now`, soonest first. */
  popDue(now: number): string[] {
    const due: string[] = [];
    while (this.heap.length > 0 && this.heap[0]!.at <= now) {
      const top = this.heap[0]!;
      const last = this.heap.pop()!;
      this.index.delete(top.key);
      if (this.heap.length > 0) {
        this.heap[0] = last;
        this.index.set(last.key, 0);
        this.down(0);
      }
      due.push(top.key);
    }
    return due;
  }

  clear(): void {
    this.heap.length = 0;
    this.index.clear();
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.heap[parent]!.at <= this.heap[i]!.at) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.heap[l]!.at < this.heap[m]!.at) m = l;
      if (r < n && this.heap[r]!.at < this.heap[m]!.at) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    const ea = this.heap[a]!;
    const eb = this.heap[b]!;
    this.heap[a] = eb;
    this.heap[b] = ea;
    this.index.set(eb.key, a);
    this.index.set(ea.key, b);
  }
}
