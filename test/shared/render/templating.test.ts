// Templates in a Katalog render as the Go runtime renders them (pkg/template Resolve, missingkey=zero):
// a missing or nil value prints "<no value>", the text is trimmed, then every "<no value>" is removed;
// a single action keeps its type; fmt's nil forms (<nil>, %!s(<nil>)) come through as Go prints them.
import { expect } from 'chai';
import { Problems } from '../../../shared/render/problems.js';
import { evaluateText, FAILED } from '../../../shared/render/templating.js';

const data = { metadata: { name: 'blog' }, spec: { n: null, pad: ' x ', list: [1, null], word: 'a', literal: 'v=<no value>' } };
const run = (text: string) => {
  const problems = new Problems('default/blog');
  const value = evaluateText(text, { data, problems }, 'f');
  return { value, errors: problems.issues.map((e) => e.message) };
};

describe('shared/render templating (Go runtime text)', () => {
  const table: [string, unknown][] = [
    ['{{ .spec.missing }}', ''],
    ['{{ .spec.n }}', ''],
    ['pre-{{ .spec.missing }}-post', 'pre--post'],
    // Trimmed before "<no value>" is removed: the space before it stays.
    ['{{ .spec.word }} {{ .spec.missing }}', 'a '],
    ['{{ .spec.missing }} {{ .spec.word }}', ' a'],
    ['  {{ .spec.word }}-x \n', 'a-x'],
    ['{{ .spec.pad }}', 'x'],
    ['[{{ .spec.pad }}]', '[ x ]'],
    ['{{ .spec.literal }}', 'v='],
    ['{{ .spec.list }}', [1, null]],
    ['{{ printf "%v" .spec.list }}', '[1 <nil>]'],
    ['{{ printf "%v|%s" .spec.missing .spec.n }}', '<nil>|%!s(<nil>)'],
    ['{{ print .spec.missing "!" }}', '<nil>!'],
    ['{{ .spec.missing.deeper }}', ''],
    ['{{ .spec.missing | default "d" }}', 'd'],
    ['{{ if .spec.missing }}y{{ else }}n{{ end }}', 'n'],
    ['no template, spaces kept ', 'no template, spaces kept '],
  ];
  for (const [text, want] of table) {
    it(`${text} → ${JSON.stringify(want)}`, () => {
      const r = run(text);
      expect(r.errors).to.deep.equal([]);
      expect(r.value).to.deep.equal(want);
    });
  }

  it('reports a broken template at its field, returning FAILED', () => {
    const r = run('{{ .spec.word.deeper }}');
    expect(r.value).to.equal(FAILED);
    expect(r.errors).to.have.length(1);
    expect(r.errors[0]).to.match(/^template error: .*cannot read field "deeper": \.spec\.word is a string/);
  });
});
