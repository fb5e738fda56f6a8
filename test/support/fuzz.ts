// Bounded, reproducible fuzzing for `npm test`: every property runs a fixed number of times from a
// fixed seed (ORKESTRA_FUZZ_SEED and ORKESTRA_FUZZ_RUNS override both, e.g. for a longer run
// overnight), and a failure names the seed and the shrunk input, so it can be replayed and turned
// into a corpus case. The helpers say what "did not crash" means: only an OrkError may escape.
import { expect } from 'chai';
import fc from 'fast-check';
import { isOrkError } from '../../shared/errors.js';

export const FUZZ_SEED = Number(process.env.ORKESTRA_FUZZ_SEED ?? 20261204);
const RUNS_SCALE = Number(process.env.ORKESTRA_FUZZ_RUNS_SCALE ?? 1);

/**
 * fast-check parameters for a property that runs `runs` times (scaled by the environment). `name`
 * says which property, for the reader; docs/reliability.md adds the counts up.
 */
export function fuzzParams(_name: string, runs: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(runs * RUNS_SCALE)), endOnFailure: true };
}

/** Calls `f`; passes if it returns or throws an OrkError, fails on any other throw (TypeError …). */
export function onlyOrkErrors<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (isOrkError(e)) return undefined;
    throw e;
  }
}

/** The async form of onlyOrkErrors. */
export async function onlyOrkErrorsAsync<T>(f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (e) {
    if (isOrkError(e)) return undefined;
    throw e;
  }
}

/** Fails unless `f` finishes within `ms` of wall-clock time (generous: the machine is shared). */
export function within<T>(ms: number, f: () => T): T {
  const started = performance.now();
  const out = f();
  expect(performance.now() - started, `took longer than ${ms} ms`).to.be.below(ms);
  return out;
}

/** A string made of the given fragments, so that random text is mostly near-valid syntax. */
export function tokens(parts: readonly string[], maxLength = 30): fc.Arbitrary<string> {
  return fc.array(fc.oneof(fc.constantFrom(...parts), fc.string({ maxLength: 4 })), { maxLength }).map((a) => a.join(''));
}
