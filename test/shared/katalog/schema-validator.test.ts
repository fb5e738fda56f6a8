// The precompiled Katalog validator (written by the build) must give the verdicts and errors of the
// schema compiled in process, on every Katalog we have, good and bad; and a missing, stale or
// broken file must fall back to compiling, never to a different verdict.
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { compileKatalogValidator, loadPrecompiled, PRECOMPILED_FILE, schemaDigest, standaloneValidatorModule } from '../../../shared/katalog/schema-validator.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** Every Katalog-shaped document in the examples, the parity fixtures and the corpus's Katalog cases. */
function documents(): [string, unknown][] {
  const out: [string, unknown][] = [];
  const yamlIn = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml') && !/\.(cr|golden)\.yaml$/.test(f)).map((f) => join(dir, f));
  for (const file of [...yamlIn('test/fixtures/parity'), 'examples/website/katalog.yaml', 'examples/database/katalog.yaml', 'examples/komposer.yaml']) {
    for (const doc of parseAllDocuments(readFileSync(join(root, file), 'utf8'))) out.push([file, doc.toJS({ maxAliasCount: 100 })]);
  }
  for (const file of yamlIn('test/corpus/cases/katalog')) {
    const kase = parse(readFileSync(join(root, file), 'utf8'), { maxAliasCount: -1 }) as { files?: Record<string, string> };
    for (const [name, text] of Object.entries(kase.files ?? {})) {
      try {
        const doc = parse(text, { maxAliasCount: 100, logLevel: 'error' });
        JSON.stringify(doc);
        out.push([`${file}:${name}`, doc]);
      } catch {
        // Not YAML, or a value that contains itself (the case is about the parser): nothing for the schema to see.
      }
    }
  }
  return out;
}

const timeConditions = {
  apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: 't' },
  spec: { crds: { report: { apiTypes: { group: 'r.example.com', version: 'v1', kind: 'Report', plural: 'reports' }, operatorBox: { onReconcile: { configMaps: [{ name: 'a', data: { a: 'b' }, when: [{ cron: '0 23 * *', duration: '3h' }, { dayOfWeek: { in: ['Mon'] } }] }] } } } } },
};

describe('shared/katalog/schema-validator', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ork-schema-validator-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the in-process verdicts and errors on every Katalog of the tree, time conditions included', () => {
    writeFileSync(join(dir, PRECOMPILED_FILE), standaloneValidatorModule());
    const precompiled = loadPrecompiled([pathToFileURL(join(dir, PRECOMPILED_FILE))]);
    expect(precompiled, 'the written module loads').to.be.a('function');
    const compiled = compileKatalogValidator();
    const docs = [...documents(), ['time conditions', timeConditions] as [string, unknown]];
    expect(docs.length).to.be.greaterThan(100);
    let invalid = 0;
    for (const [name, doc] of docs) {
      const want = compiled(doc);
      expect(precompiled!(doc), name).to.equal(want);
      expect(JSON.stringify(precompiled!.errors ?? null), name).to.equal(JSON.stringify(compiled.errors ?? null));
      if (!want) invalid++;
    }
    expect(invalid, 'bad documents were among them').to.be.greaterThan(10);
    expect(compiled(timeConditions)).to.equal(false);
    expect(compiled.errors!.map((e) => e.instancePath)).to.include('/spec/crds/report/operatorBox/onReconcile/configMaps/0/when/0/cron');
  });

  it('is not used when missing, stale or broken: the caller compiles instead', () => {
    const at = (name: string) => pathToFileURL(join(dir, name));
    expect(loadPrecompiled([at('absent.cjs')])).to.equal(undefined);
    writeFileSync(join(dir, 'stale.cjs'), `exports.digest = "${'0'.repeat(64)}"; exports.make = () => () => true;`);
    expect(loadPrecompiled([at('stale.cjs')])).to.equal(undefined);
    writeFileSync(join(dir, 'broken.cjs'), 'exports.digest = ;');
    writeFileSync(join(dir, 'throws.cjs'), `exports.digest = "${schemaDigest()}"; exports.make = () => { throw new Error("no"); };`);
    expect(loadPrecompiled([at('throws.cjs')])).to.equal(undefined);
    expect(loadPrecompiled([at('broken.cjs')])).to.equal(undefined);
    // The first candidate that loads decides; a later good one is not reached past a stale one.
    writeFileSync(join(dir, 'good.cjs'), `exports.digest = "${schemaDigest()}"; exports.make = () => () => 'marker';`);
    expect(loadPrecompiled([at('absent.cjs'), at('good.cjs')])?.(undefined)).to.equal('marker');
  });
});
