// The one exit-code table of `ork`: every command returns one of these and nothing else
// (docs/cli.md shows the table; test/cli/exit.test.ts keeps the two in step). Error categories
// map onto 1–4; 5 and 6 are findings of a command that ran fine and found what it looks for.
import type { ErrorCategory } from '../shared/errors.js';

export const EXIT = {
  /** Success: done, or nothing found (no changes, no breaking change, one digest). */
  ok: 0,
  /** A bug in ork: please report it. */
  internal: 1,
  /** Usage or configuration: a flag, file, Katalog, CR, kubeconfig or key is wrong; fix the input. */
  config: 2,
  /** A source or the cluster could not be reached or refused the request; retrying may help. */
  fetch: 3,
  /** Integrity: bytes differ where they must not (signature, digest, pin, lock, split brain). */
  integrity: 4,
  /** `ork plan`: the cluster differs from the bundle (changes would be made). */
  changes: 5,
  /** `ork crd-diff`: a CRD change would break stored objects or clients. */
  breaking: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeFor(category: ErrorCategory): ExitCode {
  return EXIT[category];
}
