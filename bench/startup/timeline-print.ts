// Prints the timeline that bench/startup/timeline.ts wrote: one line per mark, runs of requests of
// the same kind folded into one line (count, first start → last end), with the CPU time so far.
import { readFileSync } from 'node:fs';
import type { TimelineEvent } from './timeline.js';

export function readTimeline(file: string): TimelineEvent[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TimelineEvent);
}

/** Lines such as `  412 ms             POST selfsubjectaccessreviews ×104 → 655 ms`; marks show the CPU ms so far. */
export function formatTimeline(events: readonly TimelineEvent[], until = Infinity): string[] {
  const lines: string[] = [];
  let run: { first: TimelineEvent; kind: string; count: number; end: number } | undefined;
  const flush = () => {
    if (!run) return;
    lines.push(`${run.first.t.toFixed(0).padStart(6)} ms ${' '.repeat(10)}  ${run.kind}${run.count > 1 ? ` ×${run.count}` : ''} → ${run.end.toFixed(0)} ms`);
    run = undefined;
  };
  for (const e of events) {
    if (e.t > until) break;
    const isRequest = e.end !== undefined || /^(GET|LIST|WATCH|POST|PUT|PATCH|DELETE) /.test(e.what);
    // Requests fold by verb and resource (the path's last segments differ).
    const kind = isRequest ? e.what.split(' ').slice(0, 2).join(' ') : e.what;
    if (isRequest && run && run.kind === kind) {
      run.count++;
      run.end = Math.max(run.end, e.end ?? e.t);
      continue;
    }
    flush();
    if (isRequest) run = { first: e, kind, count: 1, end: e.end ?? e.t };
    else lines.push(`${e.t.toFixed(0).padStart(6)} ms (cpu ${String(e.cpu).padStart(4)})  ${e.what}`);
  }
  flush();
  return lines;
}
