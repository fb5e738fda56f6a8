import { expect } from 'chai';
import { MAX_DEPTH, parseYaml, readableValue } from '../../../shared/katalog/yaml-source.js';

describe('shared/katalog parseYaml', () => {
  it('locates keys and values, falling back to the nearest existing ancestor', () => {
    const { documents, issues } = parseYaml('a:\n  b:\n    - x\n    - {c: 1}\n', 'f.yaml');
    expect(issues).to.deep.equal([]);
    const { locate } = documents[0]!;
    expect(locate(['a', 'b'], 'key')).to.deep.equal({ line: 2, col: 3 });
    expect(locate(['a', 'b', 1, 'c'], 'value')).to.deep.equal({ line: 4, col: 11 });
    expect(locate(['a', 'b', 1, 'c'], 'key')).to.deep.equal({ line: 4, col: 8 });
    expect(locate(['a', 'missing', 'deeper'], 'key')).to.deep.equal({ line: 1, col: 1 });
    expect(locate([], 'value')).to.deep.equal({ line: 1, col: 1 });
  });

  it('finds duplicate keys in linear time with their paths', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => `k${i}: v`).join('\n');
    // CPU time, not wall time: a loaded machine must not fail a test of our complexity.
    const start = process.cpuUsage();
    const { issues } = parseYaml(`${many}\nk7: again\n`, 'f.yaml');
    const used = process.cpuUsage(start);
    expect((used.user + used.system) / 1000).to.be.below(5000);
    expect(issues.map((i) => [i.path, i.line, i.col])).to.deep.equal([['k7', 50_001, 1]]);
  });

  it(`rejects block nesting deeper than ${MAX_DEPTH}`, () => {
    const text = Array.from({ length: MAX_DEPTH + 5 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n';
    const { documents, issues } = parseYaml(text, 'f.yaml');
    expect(documents).to.deep.equal([]);
    expect(issues[0]!.message).to.match(/nested \d+ levels deep/);
  });

  it('ignores brackets inside quotes and comments when bounding flow nesting', () => {
    const text = `a: "${'['.repeat(200)}"\nb: '${'{'.repeat(200)}'\n# ${'['.repeat(200)}\n`;
    const { documents, issues } = parseYaml(text, 'f.yaml');
    expect(issues).to.deep.equal([]);
    expect(documents).to.have.length(1);
  });
});

describe('shared/katalog parseYaml: a Helm chart template', () => {
  it('says once that it is a Helm template, at its first {{ .Values/.Release }}, before the syntax errors', () => {
    const text = 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata:\n  name: {{ .Release.Name }}-katalog\nspec:\n  crds:\n    {{- range $n, $c := .Values.crds }}\n    {{ $n }}: {}\n    {{- end }}\n';
    const { issues } = parseYaml(text, 'katalog.yaml');
    expect(issues[0]).to.deep.include({ line: 4, col: 9, message: "this is a Helm chart template ({{ .Values … }}), not YAML until rendered: render it with helm template, or import the chart through a Komposer's imports.helm" });
    expect(issues.slice(1).every((i) => i.message.startsWith('YAML syntax error'))).to.equal(true);
  });

  it('adds nothing to a file that parses, or to a syntax error without Helm objects', () => {
    expect(parseYaml('a: "{{ .Values.x }}"\n', 'f.yaml').issues).to.deep.equal([]);
    expect(parseYaml('a: [\n', 'f.yaml').issues.map((i) => i.message.startsWith('YAML syntax error'))).to.not.include(false);
  });

  it('refuses an alias used inside its own anchor (a value containing itself), at the alias', () => {
    for (const [text, at] of [['a: &a [*a]\n', { line: 1, col: 8 }], ['m: &m\n  x: 1\n  y: {z: *m}\n', { line: 3, col: 10 }], ['- &s\n  - [1, *s]\n', { line: 2, col: 9 }]] as const) {
      const { documents, issues } = parseYaml(text, 'f.yaml');
      expect(documents, text).to.deep.equal([]);
      expect(issues.map((i) => [i.line, i.col, i.message]), text).to.deep.equal([[at.line, at.col, `alias *${text.includes('*a') ? 'a' : text.includes('*m') ? 'm' : 's'} is used inside the value of its own anchor, which would make the value contain itself; write the value out`]]);
    }
    const fine = parseYaml('a: &a {x: 1}\nb: [*a, *a]\n', 'f.yaml');
    expect(fine.issues).to.deep.equal([]);
    expect(fine.documents[0]!.value).to.deep.equal({ a: { x: 1 }, b: [{ x: 1 }, { x: 1 }] });
  });
});

describe('shared/katalog readableValue', () => {
  const cases: Array<[string, string, unknown]> = [
    ['the first document of a readable text', 'kind: Katalog\n---\nkind: Motif\n', { kind: 'Katalog' }],
    ['a text with a warning still reads', 'a: !!binary aGk=\n', { a: 'aGk=' }],
    ['nothing from a syntax error', 'a: [1,\n', undefined],
    ['nothing from a duplicate key', 'a: 1\na: 2\n', undefined],
    ['nothing from nesting past the limit, at once', '['.repeat(2_000_000), undefined],
    ['nothing from an alias bomb', `a: &a [x,x,x,x,x,x,x,x,x,x]\n${Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`).join('\n')}\n`, undefined],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      expect(readableValue(text)).to.deep.equal(want);
    });
  }
});
