// Per-import progress lines for a person at a terminal: n/N, source, bytes, digest, the import's
// time and the time since the command started.
import type { FetchEvent } from '../resolver/index.js';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export function formatElapsed(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** `elapsedMs`: since the command started, shown at the end of the line. */
export function progressLine(event: FetchEvent, elapsedMs: number): string {
  const ms = `${Math.round(event.durationMs)} ms`;
  const count = `[${String(event.done).padStart(String(event.total).length)}/${event.total}]`;
  const tail = `(${formatElapsed(elapsedMs)} elapsed)`;
  if (event.type === 'failed') return `  ${count} failed   ${event.label}  ${event.error.code}  ${ms}  ${tail}\n`;
  const { size, digest } = event.result;
  return `  ${count} fetched  ${event.label}  ${formatBytes(size)}  ${digest.slice(0, 19)}…  ${ms}  ${tail}\n`;
}

/** An onEvent that writes a progress line per import, timing from the call. */
export function progressPrinter(write: (text: string) => void, now: () => number = () => performance.now()): (event: FetchEvent) => void {
  const started = now();
  return (event) => write(progressLine(event, now() - started));
}
