import { expect } from 'chai';
import { formatElapsed, progressLine, progressPrinter } from '../../cli/progress.js';
import { OrkError } from '../../shared/errors.js';
import type { FetchEvent } from '../../resolver/index.js';

const fetched = (done: number, total: number): FetchEvent => ({
  type: 'fetched',
  index: 0,
  label: 'url:https://h/k.yaml',
  result: { size: 2048, digest: `sha256:${'a'.repeat(64)}` } as never,
  durationMs: 12.4,
  done,
  total,
});

describe('cli/progress', () => {
  it('prints n/N padded to the total, size, short digest, the import time and the elapsed time', () => {
    expect(progressLine(fetched(3, 12), 1500)).to.equal(`  [ 3/12] fetched  url:https://h/k.yaml  2.0 KiB  sha256:aaaaaaaaaaaa…  12 ms  (1.5 s elapsed)\n`);
  });

  it('prints a failure with its code, never its message', () => {
    const event: FetchEvent = { type: 'failed', index: 1, label: 'oci:r/x', error: new OrkError('IMPORT_NOT_FOUND', 'secret-ish detail'), durationMs: 3, done: 2, total: 2 };
    expect(progressLine(event, 25_400)).to.equal('  [2/2] failed   oci:r/x  IMPORT_NOT_FOUND  3 ms  (25 s elapsed)\n');
  });

  it('formats elapsed time in tenths below 10 s and whole seconds above', () => {
    expect([formatElapsed(0), formatElapsed(9_949), formatElapsed(10_000), formatElapsed(61_600)]).to.deep.equal(['0.0 s', '9.9 s', '10 s', '62 s']);
  });

  it('times from when the printer was made', () => {
    let t = 1000;
    const lines: string[] = [];
    const print = progressPrinter((l) => lines.push(l), () => t);
    t = 3200;
    print(fetched(1, 1));
    expect(lines[0]).to.match(/\(2\.2 s elapsed\)\n$/);
  });
});
