import { expect } from 'chai';
import { Counter, Gauge, Histogram, Registry } from '../../../../controller/observe/prometheus/index.js';
import { parseExposition, valueOf } from '../exposition.js';

describe('controller/observe/prometheus: counters, gauges, histograms and their text', () => {
  it('writes HELP, TYPE and samples per family in registration order, a blank line between families', async () => {
    const registry = new Registry();
    const c = new Counter({ name: 'a_total', help: 'A.\nsecond line \\ here', registers: [registry] });
    new Gauge<'k'>({ name: 'b', help: 'B.', labelNames: ['k'], registers: [registry] });
    c.inc();
    c.inc(2);
    expect(await registry.metrics()).to.equal('# HELP a_total A.\\nsecond line \\\\ here\n# TYPE a_total counter\na_total 3\n\n# HELP b B.\n# TYPE b gauge\n');
  });

  it('an empty registry writes one line feed', async () => {
    expect(await new Registry().metrics()).to.equal('\n');
  });

  it('keeps the labels in the order first given, escapes their values, writes +Inf, -Inf and NaN', async () => {
    const registry = new Registry();
    const g = new Gauge<'x' | 'y'>({ name: 'g', help: 'G.', labelNames: ['x', 'y'], registers: [registry] });
    g.set({ y: 'a"b\\c\nd', x: 1 }, Infinity);
    g.set({ x: 1, y: 'a"b\\c\nd' }, -Infinity); // the same series: key order does not matter
    g.set({ x: 'n' }, Number.NaN);
    const lines = (await registry.metrics()).split('\n').slice(2, 4);
    expect(lines).to.deep.equal(['g{y="a\\"b\\\\c\\nd",x="1"} -Inf', 'g{x="n"} NaN']);
  });

  it('gauges: set, inc, dec; reset forgets labelled series and zeroes the unlabelled one', async () => {
    const registry = new Registry();
    const plain = new Gauge({ name: 'p', help: 'P.', registers: [registry] });
    const g = new Gauge<'k'>({ name: 'g', help: 'G.', labelNames: ['k'], registers: [registry] });
    plain.set(5);
    plain.inc();
    plain.dec(2);
    g.inc({ k: 'a' }, 3);
    g.dec({ k: 'a' });
    let e = parseExposition(await registry.metrics());
    expect(valueOf(e, 'p')).to.equal(4);
    expect(valueOf(e, 'g', { k: 'a' })).to.equal(2);
    plain.reset();
    g.reset();
    e = parseExposition(await registry.metrics());
    expect(valueOf(e, 'p')).to.equal(0);
    expect(valueOf(e, 'g', { k: 'a' })).to.equal(undefined);
  });

  it('refuses what would write a broken exposition or a wrong counter', () => {
    const registry = new Registry();
    const c = new Counter<'k'>({ name: 'c_total', help: 'C.', labelNames: ['k'], registers: [registry] });
    expect(() => c.inc({ k: 'a' }, -1)).to.throw(/cannot decrease/);
    expect(() => c.inc({ k: 'a' }, Number.NaN)).to.throw(/not a finite number/);
    expect(() => c.inc({ other: 'a' } as never)).to.throw(/label "other" is not one of its labels \(k\)/);
    expect(() => new Counter({ name: 'c_total', help: 'again', registers: [registry] })).to.throw(/already registered/);
    expect(() => new Gauge({ name: 'bad-name', help: 'x' })).to.throw(/invalid metric name/);
    expect(() => new Gauge({ name: 'g', help: 'x', labelNames: ['1x'] })).to.throw(/invalid label name/);
    expect(() => new Histogram({ name: 'h', help: 'x', labelNames: ['le'] })).to.throw(/"le" is the bucket label/);
    expect(() => new Histogram({ name: 'h', help: 'x' }).observe(Infinity)).to.throw(/not a finite number/);
  });

  it('histograms: cumulative buckets with le first, +Inf, sum and count; zero empties a series', async () => {
    const registry = new Registry();
    const h = new Histogram<'op'>({ name: 'h_seconds', help: 'H.', labelNames: ['op'], buckets: [0.1, 1], registers: [registry] });
    for (const v of [0.05, 0.1, 0.5, 7]) h.observe({ op: 'get' }, v);
    h.zero({ op: 'put' });
    expect(await registry.metrics()).to.equal([
      '# HELP h_seconds H.', '# TYPE h_seconds histogram',
      'h_seconds_bucket{le="0.1",op="get"} 2', 'h_seconds_bucket{le="1",op="get"} 3', 'h_seconds_bucket{le="+Inf",op="get"} 4',
      'h_seconds_sum{op="get"} 7.65', 'h_seconds_count{op="get"} 4',
      'h_seconds_bucket{le="0.1",op="put"} 0', 'h_seconds_bucket{le="1",op="put"} 0', 'h_seconds_bucket{le="+Inf",op="put"} 0',
      'h_seconds_sum{op="put"} 0', 'h_seconds_count{op="put"} 0', '',
    ].join('\n'));
    h.zero({ op: 'get' });
    expect(valueOf(parseExposition(await registry.metrics()), 'h_seconds_count', { op: 'get' })).to.equal(0);
  });

  it('a histogram without labels exists at zero from the start, with the default buckets', async () => {
    const registry = new Registry();
    new Histogram({ name: 'd', help: 'D.', registers: [registry] });
    const e = parseExposition(await registry.metrics());
    expect(e.samples.filter((s) => s.name === 'd_bucket').map((s) => s.labels.le)).to.deep.equal(['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf']);
    expect(valueOf(e, 'd_count')).to.equal(0);
  });

  it('runs each family\'s collect (sync or async) before writing it', async () => {
    const registry = new Registry();
    let n = 0;
    const g: Gauge = new Gauge({ name: 'g', help: 'G.', registers: [registry], collect: () => g.set(++n) });
    const a: Gauge = new Gauge({ name: 'a', help: 'A.', registers: [registry], collect: async () => a.set(n * 10) });
    const e = parseExposition(await registry.metrics());
    expect([valueOf(e, 'g'), valueOf(e, 'a')]).to.deep.equal([1, 10]);
  });
});
