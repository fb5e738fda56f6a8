// Acceptance: `imports.registry[].useKomposer: true` against the real docker-registry. The artifact's
// komposer.yaml is loaded and the Katalogs it names are resolved into the same signed bundle: a
// file of the same artifact (relative to komposer.yaml, with the crdFile beside it), another
// registry artifact and an HTTPS file, each recorded (and locked) by digest under a label that
// carries the chain; its own spec.crds override. Cycles, nesting deeper than the bound, a path out
// of the artifact, an artifact without komposer.yaml, and a deprecated Katalog the nested Komposer
// accepted but the top one did not, are refused with one line that names the chain.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { pushArtifact } from '../../fixtures/oci/push.js';
import { expectFailedCleanly, ork, outDir, resolveArgs, writeKomposer } from './run.js';
import { getWorld, katalogYaml, type World } from './world.js';

const komposerYaml = (name: string, imports: object, crds: object = {}, extra: object = {}) =>
  stringify({ apiVersion: 'orkestra.orkspace.io/v1', kind: 'Komposer', metadata: { name }, ...extra, imports, spec: { crds } });

const widgetCrd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.nest.example.org}
spec:
  group: nest.example.org
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
    - name: v1
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`;

describe('resolver e2e: useKomposer resolves an artifact\'s komposer.yaml and its imports', function () {
  this.timeout(90_000);
  let world: World;
  let reg: string;
  const push = (repository: string, tag: string, files: Record<string, string>) =>
    pushArtifact({ address: world.registry.address, repository, tag }, Object.entries(files).map(([title, data]) => ({ mediaType: 'application/yaml', data, title })));
  const nested = (repository: string, tag = '1.0.0') => ({ url: `${reg}/${repository}`, oci: true, version: tag, useKomposer: true });

  before(async () => {
    world = await getWorld();
    reg = world.registry.address;
    world.serve('/nested/queue.yaml', katalogYaml('queues-nested', 'nqueue', 'nest.example.org', 'NQueue'));
    await push('nested/platform', '1.0.0', {
      'komposer.yaml': komposerYaml(
        'platform',
        { files: ['./katalogs/widget.yaml', world.url('/nested/queue.yaml')], registry: [{ url: `${reg}/orkestra/postgres`, oci: true, version: '1.4.0' }] },
        { widget: { operatorBox: { reconciler: { workers: 3 } } } },
      ),
      'katalogs/widget.yaml': katalogYaml('widgets', 'widget', 'nest.example.org', 'Widget').replace(/ {6}apiTypes:.*\n/, '      crdFile: ../crds/widget.yaml\n'),
      'crds/widget.yaml': widgetCrd,
      'katalog.yaml': katalogYaml('platform-katalog', 'unused', 'nest.example.org', 'Unused'),
    });
  });

  it('bundles the nested Komposer\'s Katalogs and pins every fetched thing by digest in the lock', async () => {
    const file = writeKomposer(world, 'uses-platform', { registry: [nested('nested/platform')] });
    const out = outDir(world, 'nested');
    const r = await ork(world, [...resolveArgs(world, file, out), '--json']);
    expect(r.code, r.err).to.equal(0);
    const summary = JSON.parse(r.out) as { crds: string[]; imports: { source: string; ref: string; digest: string }[] };
    expect(summary.crds).to.have.members(['databases.data.example.org', 'widgets.nest.example.org']);
    const top = `oci:${reg}/nested/platform:1.0.0`;
    expect(summary.imports.map((i) => i.source)).to.deep.equal([
      top,
      `${top} → url:${world.url('/nested/queue.yaml')}`,
      `${top} → oci:${reg}/orkestra/postgres:1.4.0`,
    ]);
    for (const i of summary.imports) expect(i.digest).to.match(/^sha256:[0-9a-f]{64}$/);
    expect(summary.imports[2]!.ref).to.equal(`oci:${reg}/orkestra/postgres@${world.artifactDigest}`);
    const bundle = JSON.parse(readFileSync(join(out, 'bundle.json'), 'utf8')) as { katalog: { spec: { crds: Record<string, { operatorBox?: { reconciler?: { workers?: number } } }> } }; crds: { metadata: { name: string } }[] };
    expect(Object.keys(bundle.katalog.spec.crds)).to.have.members(['widget', 'nqueue', 'database']);
    expect(bundle.katalog.spec.crds.widget!.operatorBox?.reconciler?.workers, 'the nested Komposer\'s own override').to.equal(3);
    expect(bundle.crds.map((c) => c.metadata.name)).to.include('widgets.nest.example.org');

    const lock = await ork(world, ['lock', '-f', file, '--ca-file', world.caFile, '--allow-http-loopback', '--out', join(world.dir, 'nested.lock.json')]);
    expect(lock.code, lock.err).to.equal(0);
    const locked = JSON.parse(readFileSync(join(world.dir, 'nested.lock.json'), 'utf8')) as { imports: { source: string }[] };
    expect(locked.imports.map((i) => i.source)).to.deep.equal(summary.imports.map((i) => i.source));
    const again = await ork(world, [...resolveArgs(world, file, outDir(world, 'nested-locked')), '--lock', join(world.dir, 'nested.lock.json')]);
    expect(again.code, again.err).to.equal(0);
  });

  async function refused(name: string, imports: object, extra: object = {}, code = 'KATALOG_INVALID'): Promise<string> {
    writeFileSync(join(world.dir, `${name}.yaml`), komposerYaml(name, imports, {}, extra));
    const out = outDir(world, name);
    const r = await ork(world, resolveArgs(world, `${name}.yaml`, out));
    expect(r.code, r.err).to.equal(2);
    expectFailedCleanly(r, out, code);
    return r.err;
  }

  it('refuses a cycle of Komposers, naming the chain', async () => {
    await push('cyc/a', '1', { 'komposer.yaml': komposerYaml('a', { registry: [nested('cyc/b', '1')] }) });
    await push('cyc/b', '1', { 'komposer.yaml': komposerYaml('b', { registry: [nested('cyc/a', '1')] }) });
    const err = await refused('cycle', { registry: [nested('cyc/a', '1')] });
    expect(err).to.contain(`Komposer cycle: cycle.yaml → oci:${reg}/cyc/a:1 → oci:${reg}/cyc/b:1 → oci:${reg}/cyc/a:1 (`);
  });

  it('refuses Komposers nested deeper than 4, naming the chain', async () => {
    for (let i = 1; i <= 5; i++) {
      const imports = i < 5 ? { registry: [nested(`deep/k${i + 1}`, '1')] } : { files: [world.url('/nested/queue.yaml')] };
      await push(`deep/k${i}`, '1', { 'komposer.yaml': komposerYaml(`k${i}`, imports) });
    }
    const err = await refused('deep', { registry: [nested('deep/k1', '1')] });
    const chain = [1, 2, 3, 4, 5].map((i) => `oci:${reg}/deep/k${i}:1`).join(' → ');
    expect(err).to.contain(`Komposers nest deeper than 4: deep.yaml → ${chain}; import the Katalogs of the deepest one directly (useKomposer: false)`);
  });

  it('refuses a relative path that leaves the artifact, and an artifact without komposer.yaml', async () => {
    await push('nested/escape', '1', { 'komposer.yaml': komposerYaml('escape', { files: ['../local/katalog.yaml'] }) });
    const escape = await refused('escape', { registry: [nested('nested/escape', '1')] }, {}, 'IMPORT_INVALID');
    expect(escape).to.contain(`oci:${reg}/nested/escape:1/komposer.yaml: imports.files[0]: file:../local/katalog.yaml: ../local/katalog.yaml leaves the artifact`);
    const missing = await refused('no-komposer', { registry: [nested('orkestra/postgres', '1.4.0')] }, {}, 'IMPORT_INVALID');
    expect(missing).to.contain(`oci:${reg}/orkestra/postgres:1.4.0: useKomposer: true, but the artifact carries no komposer.yaml (it has katalog.yaml, crds/database.yaml); set useKomposer: false to load its katalog.yaml`);
  });

  it('checks a deprecated Katalog beneath a nested Komposer with the top Komposer\'s own acceptances', async () => {
    const old = katalogYaml('old-operator', 'olditem', 'nest.example.org', 'OldItem').replace('spec:\n', 'lifecycle:\n  deprecation: {message: use new-operator}\nspec:\n');
    const accept = { lifecycle: { accept: { patterns: [{ name: 'old-operator' }] } } };
    await push('nested/legacy', '1', { 'komposer.yaml': komposerYaml('legacy', { files: ['./old.yaml'] }, {}, accept), 'old.yaml': old });
    const err = await refused('legacy', { registry: [nested('nested/legacy', '1')] });
    expect(err).to.contain(`legacy.yaml: imports: old-operator (oci:${reg}/nested/legacy:1 → file:./old.yaml) is deprecated (use new-operator)`);
    writeFileSync(join(world.dir, 'legacy-ok.yaml'), komposerYaml('legacy-ok', { registry: [nested('nested/legacy', '1')] }, {}, accept));
    const ok = await ork(world, resolveArgs(world, 'legacy-ok.yaml', outDir(world, 'legacy-ok')));
    expect(ok.code, ok.err).to.equal(0);
  });
});
