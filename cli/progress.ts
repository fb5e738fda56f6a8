// Per-import progress lines for a person at a terminal: source, bytes, digest, time.
import type { FetchEvent } from '../resolver/index.js';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export function progressLine(event: FetchEvent): string {
  const ms = `${Math.round(event.durationMs)} ms`;
  if (event.type === 'failed') return `  failed   ${event.label}  ${event.error.code}  ${ms}\n`;
  const { size, digest } = event.result;
  return `  fetched  ${event.label}  ${formatBytes(size)}  ${digest.slice(0, 19)}…  ${ms}\n`;
}
