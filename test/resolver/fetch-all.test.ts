// fetchAll with in-memory sources that finish in a chosen order: results keep declaration order,
// concurrency stays within its bound, and the failure reported is the first one by declaration —
// thrown only after every fetch under way has settled.
import { expect } from 'chai';
import { fetchAll, type FetchEvent } from '../../resolver/fetch-all.js';
import type { FetchedImport, Source, SourceContext } from '../../resolver/sources/source.js';
import { OrkError } from '../../shared/errors.js';

const context: SourceContext = { env: {}, baseDir: '/nonexistent', allowOutsidePaths: false };

interface Probe {
  inFlight: number;
  maxInFlight: number;
  started: string[];
  settled: string[];
}

function probe(): Probe {
  return { inFlight: 0, maxInFlight: 0, started: [], settled: [] };
}

function result(label: string): FetchedImport {
  return { ref: label, digest: `sha256:${label.padEnd(64, '0').slice(0, 64)}`, size: label.length, mediaType: 'text/plain', documents: [{ path: label, text: label }] };
}

/** A source that resolves (or rejects with `fail`) after `delayMs`, counting what is in flight. */
function fakeSource(label: string, delayMs: number, p: Probe, fail?: unknown): Source {
  return {
    label,
    fetch: async () => {
      p.inFlight++;
      p.maxInFlight = Math.max(p.maxInFlight, p.inFlight);
      p.started.push(label);
      await new Promise((r) => setTimeout(r, delayMs));
      p.inFlight--;
      p.settled.push(label);
      if (fail !== undefined) throw fail;
      return result(label);
    },
  };
}

/** Deterministic shuffled delays (a small LCG), so failures are reproducible. */
function delays(n: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % 25;
  });
}

describe('resolver/fetch-all', () => {
  for (const [concurrency, seed] of [[1, 1], [3, 7], [8, 42], [64, 99]] as const) {
    it(`returns results in declaration order whatever the completion order (concurrency ${concurrency}, seed ${seed})`, async () => {
      const p = probe();
      const labels = Array.from({ length: 12 }, (_, i) => `s${String(i).padStart(2, '0')}`);
      const wait = delays(labels.length, seed);
      const got = await fetchAll(labels.map((l, i) => fakeSource(l, wait[i]!, p)), context, { concurrency });
      expect(got.map((r) => r.ref)).to.deep.equal(labels);
      if (concurrency > 1) expect(p.settled, 'completions really were shuffled').not.to.deep.equal(labels);
    });
  }

  it('completes in reverse order and still returns declaration order', async () => {
    const p = probe();
    const labels = ['a', 'b', 'c', 'd', 'e'];
    const got = await fetchAll(labels.map((l, i) => fakeSource(l, (labels.length - i) * 10, p)), context, { concurrency: 8 });
    expect(p.settled).to.deep.equal([...labels].reverse());
    expect(got.map((r) => r.ref)).to.deep.equal(labels);
  });

  for (const concurrency of [1, 2, 5]) {
    it(`never has more than ${concurrency} fetch(es) in flight, and uses the bound fully`, async () => {
      const p = probe();
      const sources = Array.from({ length: 11 }, (_, i) => fakeSource(`s${i}`, 5 + (i % 3) * 5, p));
      await fetchAll(sources, context, { concurrency });
      expect(p.maxInFlight).to.equal(concurrency);
      expect(p.started).to.have.length(11);
    });
  }

  it('starts fetches in declaration order', async () => {
    const p = probe();
    const labels = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
    await fetchAll(labels.map((l, i) => fakeSource(l, delays(6, 3)[i]!, p)), context, { concurrency: 2 });
    expect(p.started).to.deep.equal(labels);
  });

  it('treats a concurrency below 1 as 1 and an empty list as nothing to do', async () => {
    const p = probe();
    await fetchAll([fakeSource('a', 5, p), fakeSource('b', 1, p)], context, { concurrency: 0 });
    expect(p.maxInFlight).to.equal(1);
    expect(await fetchAll([], context, { concurrency: 4 })).to.deep.equal([]);
  });

  it('throws the first failure by declaration order, not by time, after in-flight work has ended', async () => {
    const p = probe();
    const early = new OrkError('IMPORT_NOT_FOUND', 'second declared, fails first', { source: 'b' });
    const late = new OrkError('IMPORT_AUTH_FAILED', 'first declared, fails last', { source: 'a' });
    const sources = [fakeSource('a', 40, p, late), fakeSource('b', 1, p, early), fakeSource('c', 60, p), fakeSource('d', 5, p)];
    let caught: unknown;
    try {
      await fetchAll(sources, context, { concurrency: 4 });
    } catch (e) {
      caught = e;
    }
    expect(caught).to.equal(late);
    // Nothing was still running when the error surfaced: 'c' (the slowest) had settled.
    expect(p.inFlight).to.equal(0);
    expect(p.settled).to.include('c');
  });

  it('wraps a non-OrkError throw as INTERNAL under the source label', async () => {
    const p = probe();
    let caught: unknown;
    try {
      await fetchAll([fakeSource('ok', 1, p), fakeSource('boom', 1, p, new TypeError('kaput'))], context, { concurrency: 2 });
    } catch (e) {
      caught = e;
    }
    expect(caught).to.be.instanceOf(OrkError);
    const e = caught as OrkError;
    expect(e.code).to.equal('INTERNAL');
    expect(e.source).to.equal('boom');
    expect(e.message).to.contain('kaput');
  });

  it('reports one event per source with its index, label and measured duration', async () => {
    const p = probe();
    const events: FetchEvent[] = [];
    let clock = 0;
    const now = () => (clock += 7);
    const failure = new OrkError('PIN_MISMATCH', 'pin', { source: 'b' });
    await fetchAll([fakeSource('a', 3, p), fakeSource('b', 1, p, failure)], context, { concurrency: 1, onEvent: (e) => events.push(e), now }).catch(() => undefined);
    expect(events.map((e) => [e.type, e.index, e.label, e.durationMs])).to.deep.equal([
      ['fetched', 0, 'a', 7],
      ['failed', 1, 'b', 7],
    ]);
    expect(events[1]!.type === 'failed' && events[1]!.error).to.equal(failure);
  });
});
