// The benchmark report's SVG writer: well-formed XML, one polyline/marker per point, bars sized to
// their values, ticks that cover the data, legend and note present, text escaped.
import { expect } from 'chai';
import { barChart, escapeXml, formatTick, lineChart, niceTicks } from '../../../bench/report/svg.js';

/** Checks that every element is closed in order (a tiny XML well-formedness check); returns the tag names seen. */
function tags(svg: string): string[] {
  const stack: string[] = [];
  const seen: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)([^>]*?)(\/?)>/g)) {
    const [, closing, name, attrs, selfClosing] = m;
    expect(attrs, `attributes of <${name}>`).not.to.match(/[<&](?!amp;|lt;|gt;|quot;)/);
    if (closing) expect(stack.pop(), `closing </${name}>`).to.equal(name);
    else {
      seen.push(name!);
      if (!selfClosing) stack.push(name!);
    }
  }
  expect(stack, 'unclosed elements').to.deep.equal([]);
  return seen;
}

const attr = (element: string, name: string) => Number(new RegExp(`\\s${name}="([^"]+)"`).exec(element)![1]);

describe('bench/report/svg', () => {
  it('niceTicks covers the range with round steps', () => {
    expect(niceTicks(0, 137)).to.deep.equal([0, 50, 100, 150]);
    expect(niceTicks(0, 1)).to.deep.equal([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 9500, 4)).to.deep.equal([0, 5000, 10000]);
    expect(niceTicks(5, 5)[0]).to.equal(5);
  });

  it('formatTick shortens large numbers', () => {
    expect(formatTick(5000)).to.equal('5000');
    expect(formatTick(10000)).to.equal('10k');
    expect(formatTick(1_250_000)).to.equal('1.25M');
    expect(formatTick(0.25)).to.equal('0.25');
  });

  it('escapes markup in text', () => {
    expect(escapeXml('a < b & "c" > d')).to.equal('a &lt; b &amp; &quot;c&quot; &gt; d');
  });

  it('draws a line chart: one series group, polyline and marker per point, legend, note, title', () => {
    const svg = lineChart({
      title: 'CRs/s <first reconcile>',
      xLabel: 'N (CRs)',
      yLabel: 'CRs per second',
      logX: true,
      note: 'load 1.20 0.90 0.80, 2 CPUs',
      series: [
        { name: 'ork controller', points: [[100, 80], [1000, 120], [10000, NaN]] },
        { name: 'floor', points: [[100, 100], [1000, 150]], dashed: true },
      ],
    });
    const seen = tags(svg);
    expect(seen[0]).to.equal('svg');
    expect(svg).to.include('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).to.include('<title>CRs/s &lt;first reconcile&gt;</title>');
    expect(seen.filter((t) => t === 'polyline')).to.have.length(2);
    expect(seen.filter((t) => t === 'circle')).to.have.length(4); // the NaN point is left out
    expect(svg.match(/class="legend-entry"/g)).to.have.length(2);
    expect(svg).to.include('>load 1.20 0.90 0.80, 2 CPUs</text>');
    expect(svg).to.match(/stroke-dasharray="6 3" points=/); // the floor is dashed
    // log x: 100 at the left edge of the plot, 1000 at the right (the only two x values).
    const circles = [...svg.matchAll(/<circle [^>]*>/g)].map((m) => m[0]);
    expect(attr(circles[0]!, 'cx')).to.be.lessThan(attr(circles[1]!, 'cx'));
    // y grows upward: 150 is higher (smaller cy) than 100.
    const floorPts = circles.slice(2);
    expect(attr(floorPts[1]!, 'cy')).to.be.lessThan(attr(floorPts[0]!, 'cy'));
    const yTicks = [...svg.matchAll(/class="y-tick"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(yTicks).to.deep.equal(['0', '50', '100', '150']);
    const xTicks = [...svg.matchAll(/class="x-tick"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(xTicks).to.deep.equal(['100', '1000']);
  });

  it('draws a bar chart with bar heights proportional to values', () => {
    const svg = barChart({
      title: 'latency',
      yLabel: 'ms',
      categories: ['p50', 'p99'],
      groups: [{ name: 'controller', values: [20, 80] }, { name: 'floor', values: [10, NaN] }],
    });
    tags(svg);
    const bars = [...svg.matchAll(/<rect class="bar"[^>]*>/g)].map((m) => m[0]);
    expect(bars).to.have.length(3);
    const h = bars.map((b) => attr(b, 'height'));
    expect(h[2]! / h[0]!).to.be.closeTo(4, 0.05); // 80 vs 20
    expect(h[0]! / h[1]!).to.be.closeTo(2, 0.05); // 20 vs 10
    // The bottom of every bar is on the x axis.
    const axisY = attr(/<line class="axis x"[^>]*>/.exec(svg)![0], 'y1');
    for (const b of bars) expect(attr(b, 'y') + attr(b, 'height')).to.be.closeTo(axisY, 0.2);
    expect(svg.match(/class="x-tick"/g)).to.have.length(2);
  });

  it('wraps a long legend onto a second row inside the image', () => {
    const long = 'a legend entry of forty characters long!';
    const svg = barChart({ title: 't', yLabel: 'y', categories: ['c'], groups: [long, long, long].map((name) => ({ name, values: [1] })) });
    const entries = [...svg.matchAll(/<text class="legend-entry" x="([^"]+)" y="([^"]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(new Set(entries.map(([, y]) => y)).size).to.be.greaterThan(1);
    for (const [x] of entries) expect(x! + long.length * 6.5).to.be.at.most(640);
  });
});
