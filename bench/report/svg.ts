// A small SVG chart writer for the benchmark report: line charts (numeric x, one polyline and
// markers per series) and grouped bar charts (category x), each with axes, ticks, axis labels, a
// title, a footnote line (the run's load and floor) and a legend. Pure: data in, SVG text out.

export interface Series {
  name: string;
  /** [x, y] points; y may be NaN for "not measured" (the point is skipped). */
  points: [number, number][];
  /** Drawn dashed: the floor of the same run. */
  dashed?: boolean;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** Under the plot: the machine's load and what the floor is. */
  note?: string;
  /** Logarithmic x axis (N = 100 … 10,000). */
  logX?: boolean;
}

export interface BarChart {
  title: string;
  yLabel: string;
  categories: string[];
  /** One value per category, per group member (NaN: no bar). */
  groups: { name: string; values: number[] }[];
  note?: string;
}

const WIDTH = 640;
const HEIGHT = 400;
const PLOT = { left: 70, right: 20, top: 40, bottom: 90 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
const FONT = 'font-family="sans-serif" font-size="12"';

/** Text content escaped for XML. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Round, readable tick values covering [min, max] (about `count` of them). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (max === min) max = min + 1;
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

/** 1234567 → "1.2M", 5000 → "5k", 0.25 → "0.25". */
export function formatTick(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (abs >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function frame(title: string, xLabel: string, yLabel: string, note: string | undefined, body: string[]): string {
  const plotBottom = HEIGHT - PLOT.bottom;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text class="title" x="${WIDTH / 2}" y="22" text-anchor="middle" font-family="sans-serif" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    `<line class="axis x" x1="${PLOT.left}" y1="${plotBottom}" x2="${WIDTH - PLOT.right}" y2="${plotBottom}" stroke="#000"/>`,
    `<line class="axis y" x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${plotBottom}" stroke="#000"/>`,
    `<text class="x-label" x="${(PLOT.left + WIDTH - PLOT.right) / 2}" y="${plotBottom + 36}" text-anchor="middle" ${FONT}>${escapeXml(xLabel)}</text>`,
    `<text class="y-label" x="16" y="${(PLOT.top + plotBottom) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(PLOT.top + plotBottom) / 2})" ${FONT}>${escapeXml(yLabel)}</text>`,
    ...body,
  ];
  if (note) out.push(`<text class="note" x="${PLOT.left}" y="${HEIGHT - 8}" font-family="sans-serif" font-size="10" fill="#555">${escapeXml(note)}</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function yAxis(ticks: number[], y: (v: number) => number): string[] {
  return ticks.flatMap((t) => [
    `<line class="grid" x1="${PLOT.left}" y1="${r1(y(t))}" x2="${WIDTH - PLOT.right}" y2="${r1(y(t))}" stroke="#ddd"/>`,
    `<text class="y-tick" x="${PLOT.left - 6}" y="${r1(y(t) + 4)}" text-anchor="end" ${FONT}>${formatTick(t)}</text>`,
  ]);
}

function legend(names: { name: string; colour: string; dashed?: boolean }[]): string[] {
  let y = HEIGHT - PLOT.bottom + 46;
  let x = PLOT.left;
  const out = ['<g class="legend">'];
  for (const { name, colour, dashed } of names) {
    // Wrap to a second row rather than run off the right edge.
    if (x > PLOT.left && x + 35 + name.length * 6.5 > WIDTH) {
      x = PLOT.left;
      y += 16;
    }
    out.push(`<line x1="${x}" y1="${y}" x2="${x + 20}" y2="${y}" stroke="${colour}" stroke-width="3"${dashed ? ' stroke-dasharray="6 3"' : ''}/>`);
    out.push(`<text class="legend-entry" x="${x + 25}" y="${y + 4}" ${FONT}>${escapeXml(name)}</text>`);
    x += 35 + name.length * 6.5;
  }
  out.push('</g>');
  return out;
}

/** A line chart: x numeric (optionally log), y from 0 to the largest value. */
export function lineChart(chart: LineChart): string {
  const points = chart.series.flatMap((s) => s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  const xs = points.map(([x]) => x);
  const tx = (v: number) => (chart.logX ? Math.log10(v) : v);
  const xTicks = chart.logX ? [...new Set(xs)].sort((a, b) => a - b) : niceTicks(Math.min(...xs, 0), Math.max(...xs, 1));
  const xMin = tx(Math.min(...xTicks));
  const xMax = tx(Math.max(...xTicks));
  const yTicks = niceTicks(0, Math.max(...points.map(([, y]) => y), 1));
  const yMax = yTicks[yTicks.length - 1]!;
  const plotW = WIDTH - PLOT.left - PLOT.right;
  const plotH = HEIGHT - PLOT.top - PLOT.bottom;
  const x = (v: number) => PLOT.left + (xMax === xMin ? plotW / 2 : ((tx(v) - xMin) / (xMax - xMin)) * plotW);
  const y = (v: number) => PLOT.top + plotH - (v / yMax) * plotH;
  const body = [...yAxis(yTicks, y)];
  for (const t of xTicks) body.push(`<text class="x-tick" x="${r1(x(t))}" y="${HEIGHT - PLOT.bottom + 16}" text-anchor="middle" ${FONT}>${formatTick(t)}</text>`);
  chart.series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const pts = s.points.filter(([px, py]) => Number.isFinite(px) && Number.isFinite(py));
    const dash = s.dashed ? ' stroke-dasharray="6 3"' : '';
    body.push(`<g class="series" data-name="${escapeXml(s.name)}">`);
    if (pts.length > 1) body.push(`<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${pts.map(([px, py]) => `${r1(x(px))},${r1(y(py))}`).join(' ')}"/>`);
    for (const [px, py] of pts) body.push(`<circle cx="${r1(x(px))}" cy="${r1(y(py))}" r="3.5" fill="${colour}"><title>${escapeXml(`${s.name}: ${formatTick(px)} → ${formatTick(py)}`)}</title></circle>`);
    body.push('</g>');
  });
  body.push(...legend(chart.series.map((s, i) => ({ name: s.name, colour: COLOURS[i % COLOURS.length]!, dashed: s.dashed }))));
  return frame(chart.title, chart.xLabel, chart.yLabel, chart.note, body);
}

/** A grouped bar chart: one group of bars per category, y from 0. */
export function barChart(chart: BarChart): string {
  const values = chart.groups.flatMap((g) => g.values.filter((v) => Number.isFinite(v)));
  const yTicks = niceTicks(0, Math.max(...values, 1));
  const yMax = yTicks[yTicks.length - 1]!;
  const plotW = WIDTH - PLOT.left - PLOT.right;
  const plotH = HEIGHT - PLOT.top - PLOT.bottom;
  const y = (v: number) => PLOT.top + plotH - (v / yMax) * plotH;
  const slot = plotW / Math.max(chart.categories.length, 1);
  const barW = (slot * 0.8) / Math.max(chart.groups.length, 1);
  const body = [...yAxis(yTicks, y)];
  chart.categories.forEach((category, c) => {
    const left = PLOT.left + c * slot + slot * 0.1;
    body.push(`<text class="x-tick" x="${r1(PLOT.left + c * slot + slot / 2)}" y="${HEIGHT - PLOT.bottom + 16}" text-anchor="middle" ${FONT}>${escapeXml(category)}</text>`);
    chart.groups.forEach((g, i) => {
      const v = g.values[c];
      if (v === undefined || !Number.isFinite(v)) return;
      body.push(`<rect class="bar" data-group="${escapeXml(g.name)}" x="${r1(left + i * barW)}" y="${r1(y(v))}" width="${r1(barW - 2)}" height="${r1(y(0) - y(v))}" fill="${COLOURS[i % COLOURS.length]}"><title>${escapeXml(`${g.name}, ${category}: ${formatTick(v)}`)}</title></rect>`);
    });
  });
  body.push(...legend(chart.groups.map((g, i) => ({ name: g.name, colour: COLOURS[i % COLOURS.length]! }))));
  return frame(chart.title, '', chart.yLabel, chart.note, body);
}
