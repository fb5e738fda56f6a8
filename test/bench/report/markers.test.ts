// Rewriting the generated sections of docs/benchmarks.md: only between the markers, and a
// missing or doubled marker is refused with a message naming the marker.
import { expect } from 'chai';
import { markdownTable, replaceSection } from '../../../bench/report/markers.js';

describe('bench/report/markers', () => {
  const doc = 'intro\n<!-- bench:a:start -->\nold\n<!-- bench:a:end -->\nprose\n<!-- bench:b:start -->\n<!-- bench:b:end -->\n';

  it('replaces only the named section', () => {
    const out = replaceSection(doc, 'a', 'new\nlines\n');
    expect(out).to.equal('intro\n<!-- bench:a:start -->\nnew\nlines\n<!-- bench:a:end -->\nprose\n<!-- bench:b:start -->\n<!-- bench:b:end -->\n');
    expect(replaceSection(out, 'b', 'x')).to.include('<!-- bench:b:start -->\nx\n<!-- bench:b:end -->');
    expect(replaceSection(replaceSection(doc, 'a', 'y'), 'a', 'y')).to.equal(replaceSection(doc, 'a', 'y'));
  });

  it('refuses missing, doubled and swapped markers', () => {
    expect(() => replaceSection(doc, 'c', 'x', 'docs/benchmarks.md')).to.throw('docs/benchmarks.md has no generated section "c": add the lines <!-- bench:c:start -->');
    expect(() => replaceSection(doc + doc, 'a', 'x')).to.throw(/more than once/);
    expect(() => replaceSection('<!-- bench:a:end --><!-- bench:a:start -->', 'a', 'x')).to.throw(/comes before/);
  });

  it('builds a Markdown table, escaping pipes', () => {
    expect(markdownTable(['a', 'b'], [[1, 'x|y']])).to.equal('| a | b |\n|---|---|\n| 1 | x\\|y |');
  });
});
