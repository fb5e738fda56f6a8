// mergeNotes, and assembleKatalog carrying user notes into the bundle's Katalog: imported Katalogs'
// notes.functions accumulated in order, a name declared differently by two imports refused, the
// Komposer's own notes winning by name.
import { expect } from 'chai';
import { mergeNotes } from '../../../shared/komposer/notes.js';
import { assembleKatalog } from '../../../shared/komposer/assemble.js';
import { parseKatalog } from '../../../shared/katalog/index.js';

const note = (name: string, expression: string) => ({ name, expression });

describe('shared/komposer/notes', () => {
  it('accumulates imports in order, accepts the same note twice, and lets the Komposer win by name', () => {
    const merged = mergeNotes(
      [
        { source: 'file:./a.yaml', notes: [note('one', '{{ 1 }}'), note('two', '{{ 2 }}')] },
        { source: 'file:./b.yaml', notes: [note('two', '{{ 2 }}'), note('three', '{{ 3 }}')] },
      ],
      [note('one', '{{ "own" }}')],
    );
    expect(merged.issues).to.deep.equal([]);
    expect(merged.functions).to.deep.equal([note('one', '{{ "own" }}'), note('two', '{{ 2 }}'), note('three', '{{ 3 }}')]);
  });

  it('refuses one name declared differently by two imports, naming both', () => {
    const merged = mergeNotes([{ source: 'file:./a.yaml', notes: [note('x', '{{ 1 }}')] }, { source: 'helm:h/c@1.0.0', notes: [note('x', '{{ 2 }}')] }], undefined);
    expect(merged.issues.map((i) => i.message)).to.deep.equal([
      "note 'x' is declared differently by file:./a.yaml and helm:h/c@1.0.0; rename one, or declare it in the Komposer's notes.functions to choose",
    ]);
  });

  it('puts an imported Katalog\'s notes into the merged Katalog the bundle carries', () => {
    const imported = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: a}
notes:
  functions:
    - {name: greet, expression: '{{ printf "hi %s" .metadata.name }}'}
spec:
  crds:
    site:
      apiTypes: {group: example.org, version: v1, kind: Site, plural: sites}
      operatorBox:
        onCreate:
          configMaps:
            - name: "{{ greet }}"
`;
    const text = 'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: platform}\nimports:\n  files: [./a.yaml]\n';
    const komposer = parseKatalog(text, 'komposer.yaml');
    const out = assembleKatalog({ document: komposer.document!, file: 'komposer.yaml', crds: [] }, [{ label: 'file:./a.yaml', singleFile: true, documents: [{ path: 'a.yaml', text: imported }] }]);
    expect(out.issues.filter((i) => i.severity !== 'warning')).to.deep.equal([]);
    expect(out.katalog?.notes).to.deep.equal({ functions: [{ name: 'greet', expression: '{{ printf "hi %s" .metadata.name }}' }] });
  });
});
