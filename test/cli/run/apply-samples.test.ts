
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { stringify } from 'yaml';
import { newTestNamespace } from '../../support/cluster.js';
import { poll } from '../../support/poll.js';
import { kubeconfigIn, stop, useOrkRuns } from './ork-process.js';
import { tempDir } from '../../support/tools.js';

const GROUP = `samples${process.pid % 10000}.run.test`;

function writeKatalog(dir: string, sample: string): string {
  mkdirSync(join(dir, 'samples'), { recursive: true });
  writeFileSync(join(dir, 'crd.yaml'), stringify({
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `notes.${GROUP}` },
    spec: {
      group: GROUP, scope: 'Namespaced', names: { kind: 'Note', plural: 'notes', singular: 'note', listKind: 'NoteList' },
      versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { text: { type: 'string' } } }, status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } }],
    },
  }));
  writeFileSync(join(dir, 'samples', 'notes.yaml'), sample);
  const katalog = join(dir, 'katalog.yaml');
  writeFileSync(katalog, stringify({
    apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: 'notes', author: 'tests' },
    spec: { crds: { note: { crdFile: './crd.yaml', crFiles: ['./samples/notes.yaml'], operatorBox: { onCreate: { configMaps: [{ name: '{{ .metadata.name }}-text', data: { text: '{{ .spec.text }}' } }] } } } } },
  }));
  return katalog;
}

describe('ork run -f katalog.yaml applies crFiles (real API server)', function () {
  this.timeout(120_000);
  const { cluster, ork } = useOrkRuns();

  it('creates the samples in the kubeconfig namespace once the CRD is established, and reconciles them; a restart keeps user changes', async () => {
    const ns = await newTestNamespace('run-samples');
    const dir = tempDir('run-samples');
    const katalog = writeKatalog(dir, `apiVersion: ${GROUP}/v1\nkind: Note\nmetadata:\n  name: first\nspec:\n  text: hello\n---\napiVersion: ${GROUP}/v1\nkind: Note\nmetadata:\n  name: second\nspec:\n  text: world\n`);
    const kubeconfig = kubeconfigIn(cluster(), ns, dir);
    const notes = `/apis/${GROUP}/v1/namespaces/${ns}/notes`;

    const first = ork(['run', '-f', katalog, '--kubeconfig', kubeconfig]);
    const cm = await poll('ConfigMap second-text from the second sample', 60_000, async () => {
      const res = await cluster().client.request<{ data?: Record<string, string> }>({ path: `/api/v1/namespaces/${ns}/configmaps/second-text` });
      if (first.exitCode() !== null) throw new Error(`ork run exited: ${first.output()}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(cm.data).to.deep.equal({ text: 'world' });
    expect((await cluster().client.ok<{ items: { metadata: { name: string } }[] }>({ path: notes })).items.map((n: { metadata: { name: string } }) => n.metadata.name)).to.deep.equal(['first', 'second']);
    expect(first.output()).to.contain('sample CR applied');
    await stop(first);

    // The user edits a sample; the next `ork run` must not overwrite it.
    await cluster().client.mergePatch(`${notes}/first`, { spec: { text: 'edited' } });
    const second = ork(['run', '-f', katalog, '--kubeconfig', kubeconfig]);
    await poll('the second ork run to find the samples', 60_000, async () => {
      if (second.exitCode() !== null) throw new Error(`ork run exited: ${second.output()}`);
      return second.output().includes('sample CR exists; left as it is') ? true : undefined;
    });
    await stop(second);
    const note = (await cluster().client.request<{ spec: { text: string } }>({ path: `${notes}/first` })).body;
    expect(note.spec.text).to.equal('edited');
  });

  it('a sample of a kind the Katalog does not serve refuses to start, names the file and creates nothing', async () => {
    const ns = await newTestNamespace('run-samples-bad');
    const dir = tempDir('run-samples-bad');
    const katalog = writeKatalog(dir, `apiVersion: ${GROUP}/v1\nkind: Note\nmetadata:\n  name: fine\n---\napiVersion: ${GROUP}/v2\nkind: Note\nmetadata:\n  name: wrong-version\n`);
    const run = ork(['run', '-f', katalog, '--kubeconfig', kubeconfigIn(cluster(), ns, dir)]);
    const code = await run.exited;
    expect(code).to.not.equal(0);
    expect(run.output()).to.contain('CR_INVALID').and.contain('notes.yaml (document 2)').and.contain(`${GROUP}/v1 Note`);
    expect(run.output()).to.not.match(/\n\s+at /);
    const listed = await cluster().client.request<{ items: unknown[] }>({ path: `/apis/${GROUP}/v1/namespaces/${ns}/notes` });
    expect(listed.status === 404 || listed.body.items.length === 0, 'no sample was created').to.equal(true);
  });
});
