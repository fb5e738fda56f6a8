// The one place where error categories become process exit codes for `ork`.
import type { ErrorCategory } from '../shared/errors.js';

export const EXIT = { ok: 0, internal: 1, config: 2, fetch: 3, integrity: 4 } as const;

export function exitCodeFor(category: ErrorCategory): number {
  return EXIT[category];
}
