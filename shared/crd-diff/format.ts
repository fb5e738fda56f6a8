// The text form of changes, shared by `ork crd-diff`, `ork plan` and the controller's log:
// `BREAKING  <id>  <sentence>` per change and one summary line.
import type { ChangeSummary, CrdChange, Severity } from './types.js';

const LABEL: Record<Severity, string> = { breaking: 'BREAKING', warning: 'warning', safe: 'safe' };

export function formatChange(change: CrdChange): string {
  return `${LABEL[change.severity].padEnd(8)}  ${change.id}  ${change.message}`;
}

/** `1 breaking, 2 warnings, 3 safe`, or `no changes`. */
export function formatSummary(summary: ChangeSummary): string {
  if (summary.breaking + summary.warnings + summary.safe === 0) return 'no changes';
  return `${summary.breaking} breaking, ${summary.warnings} ${summary.warnings === 1 ? 'warning' : 'warnings'}, ${summary.safe} safe`;
}
