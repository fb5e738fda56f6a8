// Fetches every import at most `concurrency` at a time and returns the results in declaration
// order, so what follows never depends on which fetch finished first. On failures it waits for the
// fetches under way, then throws the failure of the first import in declaration order; progress
// events let a caller show each source as it completes.
import { OrkError, isOrkError } from '../shared/errors.js';
import type { FetchedImport, Source, SourceContext } from './sources/source.js';

/** One import finished; `done` of `total` in its batch have finished, this one included. */
export type FetchEvent =
  | { type: 'fetched'; index: number; label: string; result: FetchedImport; durationMs: number; done: number; total: number }
  | { type: 'failed'; index: number; label: string; error: OrkError; durationMs: number; done: number; total: number };

export interface FetchAllOptions {
  concurrency: number;
  onEvent?: (event: FetchEvent) => void;
  /** Monotonic milliseconds; injectable so tests can fix durations. */
  now?: () => number;
}

export async function fetchAll(sources: Source[], context: SourceContext, options: FetchAllOptions): Promise<FetchedImport[]> {
  const now = options.now ?? (() => performance.now());
  const results: (FetchedImport | OrkError | undefined)[] = new Array(sources.length);
  let next = 0;
  let done = 0;
  const total = sources.length;
  const worker = async () => {
    while (next < sources.length) {
      const index = next++;
      const source = sources[index]!;
      const started = now();
      try {
        const result = await source.fetch(context);
        results[index] = result;
        options.onEvent?.({ type: 'fetched', index, label: source.label, result, durationMs: now() - started, done: ++done, total });
      } catch (e) {
        const error = isOrkError(e) ? e : new OrkError('INTERNAL', `fetching failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`, { source: source.label, cause: e });
        results[index] = error;
        options.onEvent?.({ type: 'failed', index, label: source.label, error, durationMs: now() - started, done: ++done, total });
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, sources.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const failure = results.find((r): r is OrkError => r instanceof OrkError);
  if (failure) throw failure;
  return results as FetchedImport[];
}
