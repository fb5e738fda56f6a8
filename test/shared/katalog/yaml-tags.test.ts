// YAML 1.1 tags and non-scalar keys (found by fuzzing the loader): the loader yields JSON values
// only — no Buffer, Set or Date, no key silently stringified — and Node prints no warning; merge
// keys (<<: *anchor) are applied, as the Go runtime's YAML reader does.
import { expect } from 'chai';
import { parseKatalog, parseYaml } from '../../../shared/katalog/index.js';

function withWarnings<T>(f: () => T): { value: T; warnings: string[] } {
  const warnings: string[] = [];
  const listener = (w: Error) => warnings.push(w.message);
  process.on('warning', listener);
  try {
    return { value: f(), warnings };
  } finally {
    process.off('warning', listener);
  }
}

describe('katalog: YAML tags and keys outside JSON', () => {
  it('keeps !!binary, !!set and !!timestamp values as plain JSON values, with a warning issue', async () => {
    const { value, warnings } = withWarnings(() => parseYaml('a: !!binary aGk=\nb: !!set {x}\nc: !!timestamp 2001-12-14\n!!binary aGk=: k\n', 'f.yaml'));
    await new Promise((r) => setImmediate(r));
    expect(value.documents[0]!.value).to.deep.equal({ a: 'aGk=', b: { x: null }, c: '2001-12-14', 'aGk=': 'k' });
    expect(value.issues.filter((i) => i.severity === 'warning').map((i) => i.message).join('\n')).to.contain('Unresolved tag');
    expect(warnings).to.deep.equal([]);
  });

  it('refuses a mapping or list used as a key, naming where', async () => {
    const { value, warnings } = withWarnings(() => parseYaml('spec:\n  ? [a]\n  : 1\n', 'f.yaml'));
    await new Promise((r) => setImmediate(r));
    expect(value.documents).to.deep.equal([]);
    expect(value.issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}:${i.col} ${i.path}: ${i.message}`)[0]).to.equal(
      '2:5 spec: a mapping key must be a plain value, not a list, a mapping or an alias',
    );
    expect(warnings).to.deep.equal([]);
  });
});

describe('katalog: YAML merge keys (<<), as the Go runtime reads them', () => {
  const text = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: looms
anchors:
  weave: &weave
    group: textile.example.org
    version: v1
  box: &box
    operatorBox:
      onCreate:
        configMaps:
          - name: "{{ .metadata.name }}-pattern"
            data: {warp: "{{ .spec.warp }}"}
spec:
  crds:
    loom:
      <<: *box
      apiTypes:
        <<: *weave
        kind: Loom
        plural: looms
    spindle:
      <<: *box
      apiTypes:
        <<: *weave
        version: v2
        kind: Spindle
        plural: spindles
`;

  it('merges an anchored mapping into an entry and its apiTypes, a key written beside it winning; anchors: is dropped', () => {
    const parsed = parseKatalog(text, 'k.yaml');
    expect(parsed.issues.filter((i) => i.severity !== 'warning')).to.deep.equal([]);
    const crds = parsed.document!.spec.crds;
    expect(crds.loom!.apiTypes).to.deep.equal({ group: 'textile.example.org', version: 'v1', kind: 'Loom', plural: 'looms' });
    expect(crds.spindle!.apiTypes).to.deep.equal({ group: 'textile.example.org', version: 'v2', kind: 'Spindle', plural: 'spindles' });
    expect(crds.spindle!.operatorBox?.onCreate?.configMaps?.[0]?.name).to.equal('{{ .metadata.name }}-pattern');
    expect(parsed.document).to.not.have.property('anchors');
  });

  it('still reports a mistyped key that came in through a merge', () => {
    const found = parseKatalog(text.replace('version: v1\n  box', 'verzion: v1\n  box'), 'k.yaml').issues.filter((i) => i.severity !== 'warning');
    expect(found.map((i) => i.path)).to.include('spec.crds.loom.apiTypes.verzion');
  });
});
