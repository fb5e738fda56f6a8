// Which CRs copy which objects (fromSecret / fromConfigMap), as their last reconcile rendered
// them: when a source changes, the CRs reading it are queued, so copies follow their source
// without waiting for a resync (and a copy waiting for a missing source is made when it appears).
// In memory, rebuilt by reconciles after a restart (every CR is reconciled at start). Pure.
import { keyOf } from '../engine/index.js';

export interface SourceReader {
  crdName: string;
  /** The CR's queue key (`namespace/name`). */
  key: string;
}

/** `v1|Secret|platform|registry`: a source as ChildSource names it. */
export function sourceKey(kind: string, namespace: string, name: string): string {
  return `v1|${kind}|${namespace}|${name}`;
}

export class SourceIndex {
  private readonly readers = new Map<string, Map<string, SourceReader>>();
  private readonly readBy = new Map<string, readonly string[]>();

  /** What one CR reads now (empty: nothing, or the CR is gone), replacing what it read before. */
  record(crdName: string, namespace: string | undefined, name: string, sources: readonly string[]): void {
    const key = keyOf(namespace, name);
    const id = `${crdName}|${key}`;
    for (const source of this.readBy.get(id) ?? []) {
      const set = this.readers.get(source);
      set?.delete(id);
      if (set?.size === 0) this.readers.delete(source);
    }
    if (sources.length === 0) {
      this.readBy.delete(id);
      return;
    }
    this.readBy.set(id, [...new Set(sources)]);
    for (const source of sources) {
      let set = this.readers.get(source);
      if (!set) this.readers.set(source, (set = new Map()));
      set.set(id, { crdName, key });
    }
  }

  /** The CRs to queue when `source` changed. */
  readersOf(source: string): SourceReader[] {
    return [...(this.readers.get(source)?.values() ?? [])];
  }

  get size(): number {
    return this.readBy.size;
  }
}
