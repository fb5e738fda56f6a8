// The prometheus domain: readers of an `.external.<name>` result of a prometheus external call
// ({result, raw}); pure, so the data is built here as the controller would hand it over.
import { expect } from 'chai';
import { PROMETHEUS_NOTES, formatGoFloat, parseGoFloat } from '../../../../shared/template/notes/prometheus.js';
import { fails, noteTable, typed } from './note-table.js';

const series = (labels: Record<string, string>, value: string) => ({ metric: labels, value: [1733300000.1, value] });
const vector = (result: unknown[]) => ({ status: 'success', data: { resultType: 'vector', result } });
const data = {
  external: {
    load: { result: '1200', raw: vector([series({ namespace: 'shop', pod: 'a' }, '1200'), series({ namespace: 'shop', pod: 'b' }, '0.5'), series({ pod: 'c' }, '3')]) },
    rate: { result: '0.004', raw: { data: { resultType: 'scalar', result: [1733300000, '0.004'] } } },
    plain: { result: '7' },
    broken: { result: 'n/a', raw: vector([series({}, '1'), series({}, 'oops')]) },
    empty: { result: '', raw: vector([]) },
    tiny: { result: '1.5e-7', raw: vector([series({}, '1.5e-7'), series({}, '2.5e-7')]) },
  },
};
const arityErr = (name: string, want: number, got: number) => fails(`wrong number of arguments for "${name}": want ${want}, got ${got}`);

noteTable('prometheus', PROMETHEUS_NOTES, {
  promValue: [['{{ promValue .external.load }}', '1200'], ['{{ promValue .external.rate }}', '0.004'], ['{{ promValue .external.missing }}', typed('')], ['{{ promValue }}', arityErr('promValue', 1, 0)]],
  promSum: [
    ['{{ promSum .external.load }}', '1203.5'],
    ['{{ promSum .external.rate }}', '0.004'],
    ['{{ promSum .external.plain }}', '7'],
    ['{{ promSum .external.tiny }}', '0.0000004'],
    ['{{ promSum .external.broken }}', typed('')],
    ['{{ promSum .external.empty }}', typed('')],
    ['{{ promSum }}', arityErr('promSum', 1, 0)],
  ],
  promMax: [['{{ promMax .external.load }}', '1200'], ['{{ promMax .external.tiny }}', '0.00000025'], ['{{ promMax .external.broken }}', typed('')], ['{{ promMax nil }}', typed('')], ['{{ promMax }}', arityErr('promMax', 1, 0)]],
  promSeriesCount: [['{{ promSeriesCount .external.load }}', typed('3')], ['{{ promSeriesCount .external.rate }}', typed('1')], ['{{ promSeriesCount .external.missing }}', typed('0')], ['{{ promSeriesCount 1 2 }}', arityErr('promSeriesCount', 1, 2)]],
  promLabelValues: [
    ['{{ promLabelValues .external.load "namespace" }}', 'shop,shop'],
    ['{{ promLabelValues .external.load "pod" }}', 'a,b,c'],
    ['[{{ promLabelValues .external.rate "pod" }}]', '[]'],
    ['{{ promLabelValues .external.load 5 }}', fails('promLabelValues: argument 2 must be a string, not int 5')],
    ['{{ promLabelValues .external.load }}', arityErr('promLabelValues', 2, 1)],
  ],
  promAboveThreshold: [
    ['{{ promAboveThreshold .external.load 1000 }}', typed('true')],
    ['{{ promAboveThreshold .external.load "1200" }}', typed('false')],
    ['{{ promAboveThreshold .external.broken 0 }}', typed('false')],
    ['{{ promAboveThreshold .external.load "lots" }}', typed('false')],
    ['{{ promAboveThreshold .external.load }}', arityErr('promAboveThreshold', 2, 1)],
  ],
  promBelowThreshold: [
    ['{{ promBelowThreshold .external.rate 0.01 }}', typed('true')],
    ['{{ promBelowThreshold .external.load 0.01 }}', typed('false')],
    ['{{ promBelowThreshold .external.missing 1 }}', typed('false')],
    ['{{ promBelowThreshold .external.rate true }}', typed('false')],
    ['{{ promBelowThreshold }}', arityErr('promBelowThreshold', 2, 0)],
  ],
}, data);

describe('template notes: prometheus number text', () => {
  const parsed: [string, number | undefined][] = [['1.5', 1.5], ['-2e3', -2000], ['.5', 0.5], ['+Inf', Infinity], ['-inf', -Infinity], [' 1', undefined], ['0x10', undefined], ['', undefined]];
  for (const [text, want] of parsed) it(`parses ${JSON.stringify(text)} as Go does`, () => expect(parseGoFloat(text)).to.equal(want));
  it('parses NaN', () => expect(Number.isNaN(parseGoFloat('NaN'))).to.equal(true));
  const printed: [number, string][] = [[3, '3'], [-0, '0'], [0.1 + 0.2, '0.30000000000000004'], [1e21, '1000000000000000000000'], [1.5e-7, '0.00000015'], [NaN, 'NaN'], [-Infinity, '-Inf']];
  for (const [f, want] of printed) it(`prints ${f} as ${want}`, () => expect(formatGoFloat(f)).to.equal(want));
});
