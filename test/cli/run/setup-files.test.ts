
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { stringify } from 'yaml';
import { setupPaths } from '../../../cli/run/setup-files.js';
import { newTestNamespace } from '../../support/cluster.js';
import { poll } from '../../support/poll.js';
import { kubeconfigIn, stop, useOrkRuns } from './ork-process.js';
import { tempDir } from '../../support/tools.js';

const GROUP = `setup${process.pid % 10000}.run.test`;

const crd = (plural: string, kind: string) => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `${plural}.${GROUP}` },
  spec: {
    group: GROUP, scope: 'Namespaced', names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
    versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
});

function writeKatalog(dir: string, extraNs: string): string {
  mkdirSync(join(dir, 'setup'), { recursive: true });
  writeFileSync(join(dir, 'crd.yaml'), stringify(crd('apps', 'App')));
  writeFileSync(join(dir, 'setup', 'base.yaml'), [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: extraNs } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared-settings' }, data: { region: 'eu' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'registry', namespace: extraNs }, stringData: { token: 'not-a-real-token' } },
  ].map((d) => stringify(d)).join('---\n'));
  writeFileSync(join(dir, 'setup', 'extra-crd.yaml'), `${stringify(crd('limits', 'Limit'))}---\n${stringify({ apiVersion: `${GROUP}/v1`, kind: 'Limit', metadata: { name: 'default' }, spec: { cpu: 2 } })}`);
  const katalog = join(dir, 'katalog.yaml');
  writeFileSync(katalog, stringify({
    apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: 'setup-test' },
    spec: {
      crds: {
        app: {
          crdFile: './crd.yaml',
          setup: ['./setup/base.yaml'],
          operatorBox: { onCreate: { configMaps: [{ name: '{{ .metadata.name }}-x', data: { a: 'b' } }] } },
        },
        limit: { apiTypes: { group: GROUP, version: 'v1', kind: 'Limit', plural: 'limits' }, setup: { apply: [{ path: './setup/extra-crd.yaml' }] } },
      },
    },
  }));
  return katalog;
}

describe('ork run applies setup files (real API server)', function () {
  this.timeout(120_000);
  const { cluster, ork } = useOrkRuns();

  it('applies every setup document in order before the controller starts; a second run restores an edited one', async () => {
    const ns = await newTestNamespace('run-setup');
    const extraNs = `${ns}-extra`;
    const dir = tempDir('run-setup');
    const kubeconfig = kubeconfigIn(cluster(), ns, dir);
    const katalog = writeKatalog(dir, extraNs);
    const settings = `/api/v1/namespaces/${ns}/configmaps/shared-settings`;

    const t0 = Date.now();
    const first = ork(['run', '-f', katalog, '--kubeconfig', kubeconfig]);
    await poll('the controller started', 60_000, async () => {
      if (first.child.exitCode !== null) throw new Error(`ork run exited: ${first.output()}`);
      return first.output().includes('workers started') ? true : undefined;
    });
    console.log(`      setup applied and controller started in ${Date.now() - t0} ms`);
    const out = first.output();
    const lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, string>);
    const applied = lines.filter((l) => l.message === 'setup object applied').map((l) => `${l.kind} ${l.name}`);
    expect(applied).to.deep.equal([`Namespace ${extraNs}`, 'ConfigMap shared-settings', 'Secret registry', 'CustomResourceDefinition limits.' + GROUP, 'Limit default']);
    expect(out.lastIndexOf('setup object applied'), 'before the workers').to.be.below(out.indexOf('workers started'));
    expect(out, 'no secret value in the log').to.not.contain('not-a-real-token');
    expect((await cluster().client.get(settings)).data).to.deep.equal({ region: 'eu' });
    expect((await cluster().client.get(`/api/v1/namespaces/${extraNs}/secrets/registry`)).type).to.equal('Opaque');
    expect((await cluster().client.get(`/apis/${GROUP}/v1/namespaces/${ns}/limits/default`)).spec).to.deep.equal({ cpu: 2 });
    await stop(first);

    await cluster().client.mergePatch(settings, { data: { region: 'us' } });
    const second = ork(['run', '-f', katalog, '--kubeconfig', kubeconfig]);
    await poll('the second run to start', 60_000, async () => (second.output().includes('workers started') ? true : undefined));
    await stop(second);
    expect((await cluster().client.get(settings)).data, 'brought back to the file').to.deep.equal({ region: 'eu' });
  });

  it('reads the Katalog from stdin (-f -), its setup paths relative to the working directory', async () => {
    const ns = await newTestNamespace('run-stdin');
    const dir = tempDir('run-stdin');
    const kubeconfig = kubeconfigIn(cluster(), ns, dir);
    const katalog = readFileSync(writeKatalog(dir, `${ns}-extra`), 'utf8');
    const piped = ork(['run', '-f', '-', '--kubeconfig', kubeconfig], { stdin: katalog, cwd: dir });
    await poll('the controller started', 60_000, async () => {
      if (piped.child.exitCode !== null) throw new Error(`ork run exited: ${piped.output()}`);
      return piped.output().includes('workers started') ? true : undefined;
    });
    await stop(piped);
    expect((await cluster().client.get(`/api/v1/namespaces/${ns}/configmaps/shared-settings`)).data).to.deep.equal({ region: 'eu' });
  });

  it('runs several -f files as one Katalog, each file\'s setup read from beside it (upstream\'s -f a,b)', async () => {
    const ns = await newTestNamespace('run-several');
    const dir = tempDir('run-several');
    const kubeconfig = kubeconfigIn(cluster(), ns, dir);
    const first = writeKatalog(join(dir, 'first'), `${ns}-extra`);
    mkdirSync(join(dir, 'second'));
    writeFileSync(join(dir, 'second', 'crd.yaml'), stringify(crd('gates', 'Gate')));
    writeFileSync(join(dir, 'second', 'setup.yaml'), stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gate-settings' }, data: { from: 'second' } }));
    writeFileSync(join(dir, 'second', 'katalog.yaml'), stringify({
      apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: 'second' },
      spec: { crds: { gate: { crdFile: './crd.yaml', setup: ['./setup.yaml'], dependsOn: { app: 'started' } } } },
    }));
    const run = ork(['run', '-f', `${first},second/katalog.yaml`, '--kubeconfig', kubeconfig], { cwd: dir });
    await poll('the controller started', 60_000, async () => {
      if (run.child.exitCode !== null) throw new Error(`ork run exited: ${run.output()}`);
      return run.output().includes('workers started') ? true : undefined;
    });
    await stop(run);
    expect((await cluster().client.get(`/api/v1/namespaces/${ns}/configmaps/shared-settings`)).data).to.deep.equal({ region: 'eu' });
    expect((await cluster().client.get(`/api/v1/namespaces/${ns}/configmaps/gate-settings`)).data).to.deep.equal({ from: 'second' });
  });

  it('reads both upstream forms of setup and names the entry of a malformed one', () => {
    expect(setupPaths('app', ['./a.yaml', './b.yaml'], 'k.yaml')).to.deep.equal(['./a.yaml', './b.yaml']);
    expect(setupPaths('app', { apply: [{ path: './a.yaml' }, './b.yaml'] }, 'k.yaml')).to.deep.equal(['./a.yaml', './b.yaml']);
    expect(setupPaths('app', undefined, 'k.yaml')).to.deep.equal([]);
    expect(() => setupPaths('app', { files: ['x'] }, 'k.yaml')).to.throw('k.yaml: spec.crds.app.setup: expected a list of file paths or {apply: [{path: FILE}]}');
  });
});
