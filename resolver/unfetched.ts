// `ork validate` is a static check: a remote import it cannot fetch (host down, DNS, timeout,
// 401/403/404, missing credentials) is left out with one warning naming it, rather than refusing a
// Komposer whose own structure is valid. What is fetched is checked in full: invalid content stays
// an error. The same holds for the Komposer's own remote crdFiles and the OCI Motifs it imports
// (resolver/resolve.ts). `ork resolve`, `lock`, `run`, `plan` and `template` never use this; they
// fail closed.
import { OrkError, type Issue } from '../shared/errors.js';
import type { PlannedImport } from './sources/select.js';
import type { FetchedImport, Source } from './sources/source.js';

/** The failures that say the import could not be reached, not that its content is wrong. */
const UNFETCHED_CODES = new Set(['IMPORT_FETCH_FAILED', 'IMPORT_NOT_FOUND', 'IMPORT_AUTH_FAILED', 'IMPORT_AUTH_MISSING', 'IMPORT_TIMEOUT']);

/** Stands in for the import's content: why it could not be fetched. */
export interface Unfetched {
  unfetched: string;
}

/** The source, whose fetch failures of the kinds above become an Unfetched result instead. */
export function tolerateUnfetched(source: Source): Source {
  return {
    label: source.label,
    fetch: (context) =>
      source.fetch(context).catch((e: unknown) => {
        const reason = unfetchedReason(e);
        if (reason === undefined) throw e;
        return { unfetched: reason } as Unfetched as unknown as FetchedImport;
      }),
  };
}

/** Why a fetch failed, in a few words, when it failed for one of the reasons above; else undefined. */
export function unfetchedReason(e: unknown): string | undefined {
  return e instanceof OrkError && UNFETCHED_CODES.has(e.code) ? shortReason(e.message) : undefined;
}

/** The imports that were fetched, in order; one warning (declaration order) for each that was not. */
export function leaveUnfetched<P extends PlannedImport, F extends object>(planned: P[], fetched: (F | Unfetched)[], file: string, warnings: Issue[]): { planned: P[]; fetched: F[] } {
  const kept: { planned: P[]; fetched: F[] } = { planned: [], fetched: [] };
  fetched.forEach((result, i) => {
    const p = planned[i]!;
    if ('unfetched' in result) {
      const message = `${p.source.label} could not be fetched (${result.unfetched}); its contents were not checked (run 'ork resolve' to fetch it)`;
      warnings.push({ file, path: p.at, message, severity: 'warning' });
      return;
    }
    kept.planned.push(p);
    kept.fetched.push(result);
  });
  return kept;
}

/** The failure's first clause, without the advice after it: `connection refused (127.0.0.1:1)`. */
function shortReason(message: string): string {
  const first = message.split('; ')[0]!.replace(/^gave up after \d+ attempts: /, '');
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
}
