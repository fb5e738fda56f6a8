// notes.functions in a Katalog: templates may call them (validated in the Katalog's scope), and
// the notes themselves are checked: names, bodies, cycles, and shadowing a built-in.
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

function katalog(notes: string, template = '{{ greeting }}'): string {
  return `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: notes-test
notes:
  functions:
${notes}
spec:
  crds:
    app:
      apiTypes: {group: ex.example.com, version: v1, kind: App, plural: apps}
      operatorBox:
        onReconcile:
          configMaps:
            - name: "{{ .metadata.name }}"
              data: {text: "${template.replace(/"/g, '\\"')}"}
`;
}

const messages = (text: string) => parseKatalog(text, 'k.yaml').issues.map((i) => `${i.line}:${i.col} ${i.path} ${i.severity ?? 'error'} ${i.message}`);

describe('katalog: user notes', () => {
  it('accepts a template calling a note, and keeps the notes in the model', () => {
    const parsed = parseKatalog(katalog('    - {name: greeting, expression: "hi {{ .metadata.name }}", description: says hi}'), 'k.yaml');
    expect(parsed.issues).to.deep.equal([]);
    expect(parsed.document?.notes?.functions?.[0]?.name).to.equal('greeting');
  });

  it('refuses a call to a note nobody declared', () => {
    expect(messages(katalog('    - {name: other, expression: x}'))).to.deep.include('16:28 spec.crds.app.operatorBox.onReconcile.configMaps[0].data.text error template error: function "greeting" is not defined (column 4)');
  });

  it('refuses a name given twice, a keyword name, a body that does not parse and a cycle', () => {
    const found = messages(
      katalog(`    - {name: greeting, expression: "{{ loopA }}"}
    - {name: greeting, expression: "x"}
    - {name: range, expression: "x"}
    - {name: loopA, expression: "{{ loopB }}"}
    - {name: loopB, expression: "{{ loopA }}"}
    - {name: bad, expression: "{{ .x "}`),
    );
    expect(found).to.include('8:14 notes.functions[1].name error note "greeting" is already declared at notes.functions[0]; give each note one name');
    expect(found).to.include('9:14 notes.functions[2].name error "range" is a template keyword and cannot name a note; choose another name');
    expect(found.some((m) => m.startsWith('10:33 notes.functions[3].expression error notes call each other in a cycle: loopA → loopB → loopA'))).to.equal(true);
    expect(found.some((m) => m.startsWith('12:31 notes.functions[5].expression error template error:'))).to.equal(true);
  });

  it('warns when a note replaces a built-in, unless shadow: true says it is meant', () => {
    expect(messages(katalog('    - {name: upper, expression: "x"}', '{{ upper }}'))).to.deep.equal([
      '7:14 notes.functions[0].name warning note "upper" replaces the built-in function of that name in every template of this Katalog; add shadow: true if that is intended, or rename the note',
    ]);
    expect(messages(katalog('    - {name: upper, expression: "x", shadow: true}', '{{ upper }}'))).to.deep.equal([]);
  });

  it('refuses an unknown key in a note', () => {
    expect(messages(katalog('    - {name: greeting, expression: "x", args: [a]}')).join('\n')).to.match(/notes\.functions\[0\]\.args error unknown key/);
  });
});
