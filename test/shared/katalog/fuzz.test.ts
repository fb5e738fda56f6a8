// Fuzzing the Katalog loader (bounded, seeded; test/support/fuzz.ts): any text — random, or a valid
// Katalog with bytes changed — gives a document or issues with positions, never a throw; YAML
// printed from a JSON value reads back as that value; and loading the same text twice agrees.
import { expect } from 'chai';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseKatalog, parseYaml } from '../../../shared/katalog/index.js';
import { fuzzParams, tokens, within } from '../../support/fuzz.js';

const KATALOG = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: fuzz}
spec:
  crds:
    web:
      apiTypes: {group: web.example.org, version: v1, kind: Site, plural: sites}
      validation:
        rules:
          - {field: spec.size, lte: 5, message: "too big"}
      operatorBox:
        reconciler: {workers: 2, resync: 30s}
        onReconcile:
          configMaps:
            - data: {a: "{{ .spec.x | upper }}"}
`;

const YAML_PARTS = ['\n', '  ', '- ', ': ', '{', '}', '[', ']', ',', '&a ', '*a', '!!str ', '!!binary ', '---\n', '...\n', '#', '"', "'", '|\n', '>\n', '? ', '\t', '%YAML 1.2\n', '<<: *a\n', 'spec', 'crds', 'kind: Katalog\n', '{{', '}}', '\u0000', '\uFEFF'];

/** A valid Katalog with a few characters replaced, inserted or deleted at random places. */
const mutatedKatalog = fc
  .array(fc.tuple(fc.nat(KATALOG.length), fc.constantFrom('insert', 'delete', 'replace'), fc.oneof(fc.constantFrom(...YAML_PARTS), fc.string({ maxLength: 3 }))), { minLength: 1, maxLength: 4 })
  .map((edits) => {
    let text = KATALOG;
    for (const [at, op, s] of edits) {
      const i = Math.min(at, text.length);
      text = op === 'insert' ? text.slice(0, i) + s + text.slice(i) : op === 'delete' ? text.slice(0, i) + text.slice(i + s.length + 1) : text.slice(0, i) + s + text.slice(i + s.length);
    }
    return text;
  });

describe('katalog: fuzzing the loader (seeded, bounded)', function () {
  this.timeout(120_000);

  // The first load compiles the JSON Schema (about 1 s of CPU); the time bound is for each input.
  before(() => parseKatalog(KATALOG, 'warm-up.yaml'));

  it('loads any text to a document or located issues, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedKatalog, tokens(YAML_PARTS, 60), fc.string({ maxLength: 300 })), (text) => {
        const parsed = within(5_000, () => parseKatalog(text, 'fuzz.yaml'));
        const errors = parsed.issues.filter((i) => i.severity !== 'warning');
        expect(parsed.document === undefined).to.equal(errors.length > 0);
        for (const issue of parsed.issues) {
          expect(issue.file).to.equal('fuzz.yaml');
          expect(issue.message).to.be.a('string').and.not.equal('');
        }
        expect(parseKatalog(text, 'fuzz.yaml').issues).to.deep.equal(parsed.issues);
      }),
      fuzzParams('katalog load', 800),
    );
  });

  it('reads YAML printed from any JSON value back as the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const { documents, issues } = parseYaml(stringify(value), 'v.yaml');
        expect(issues.filter((i) => i.severity !== 'warning')).to.deep.equal([]);
        // Compared as JSON: YAML keeps -0 as -0, JSON writes it as 0 (canonical JSON does too).
        const json = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as unknown;
        expect(json(documents[0]?.value)).to.deep.equal(json(value));
      }),
      fuzzParams('yaml print/parse', 1500),
    );
  });
});
