import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { pickCrd } from '../../cli/commands/template.js';
import { runCommand } from '../../cli/dispatch.js';
import { captureIO } from '../support/io.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const website = join(root, 'examples/website/katalog.yaml');
const database = join(root, 'examples/database/katalog.yaml');

async function ork(...args: string[]) {
  const io = captureIO({ cwd: root });
  const code = await runCommand(['template', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('cli/template', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ork-template-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('prints the children as YAML documents with where each was declared', async () => {
    const r = await ork('-f', website, '--cr', join(root, 'examples/website/crs/blog.yaml'));
    expect(r.code, r.err).to.equal(0);
    const docs = parseAllDocuments(r.out) as unknown as { toJS(): { kind: string; metadata: { name: string } } }[];
    expect(docs.map((d) => `${d.toJS().kind}/${d.toJS().metadata.name}`)).to.deep.equal(['Service/blog-svc', 'Service/blog-public', 'Deployment/blog']);
    expect(r.out).to.contain('# operatorBox.onReconcile.services[0]\n');
    expect(r.err).to.equal('');
  });

  it('says why nothing was rendered: false conditions, onDelete only, or no children declared', async () => {
    const head = 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: q}\nspec:\n  crds:\n    quiet:\n      apiTypes: {group: q.example.com, version: v1, kind: Quiet, plural: quiets}\n';
    const cr = write('quiet-cr.yaml', 'apiVersion: q.example.com/v1\nkind: Quiet\nmetadata: {name: hush}\nspec: {}\n');
    const cases: [string, string][] = [
      ['      operatorBox:\n        onCreate:\n          configMaps:\n            - name: x\n              when: [{field: spec.on, equals: "true"}]\n', "(every entry's conditions are false)"],
      ['      operatorBox:\n        onDelete:\n          jobs:\n            - name: drain\n              image: busybox\n', '(the entry declares no onCreate or onReconcile children; onDelete declares 1 child (jobs: 1), not shown: the controller renders and applies them only when the CR is deleted)'],
      ['      operatorBox:\n        onCreate:\n          configMaps:\n            - name: x\n              when: [{field: spec.on, equals: "true"}]\n        onDelete:\n          jobs:\n            - name: drain\n              image: busybox\n          configMaps:\n            - name: gone\n', "(every entry's conditions are false; onDelete declares 2 children (jobs: 1, configMaps: 1), not shown: the controller renders and applies them only when the CR is deleted)"],
      ['      operatorBox:\n        status:\n          fields: [{path: phase, value: Idle}]\n', '(the entry declares no onCreate or onReconcile children)'],
    ];
    for (const [box, why] of cases) {
      const r = await ork('-f', write('quiet.yaml', head + box), '--cr', cr);
      expect(r.code, r.err).to.equal(0);
      expect(r.err).to.contain(`note: no children rendered for Quiet default/hush in ${cr} ${why}`);
    }
  });

  it('names the onDelete children it leaves out beside the ones it renders (upstream renders none)', async () => {
    const katalogFile = write('farewell.yaml', 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: q}\nspec:\n  crds:\n    quiet:\n      apiTypes: {group: q.example.com, version: v1, kind: Quiet, plural: quiets}\n      operatorBox:\n        onReconcile:\n          configMaps:\n            - name: "{{ .metadata.name }}-here"\n        onDelete:\n          jobs:\n            - name: "{{ .metadata.name }}-drain"\n              image: busybox:1.36\n');
    const cr = write('farewell-cr.yaml', 'apiVersion: q.example.com/v1\nkind: Quiet\nmetadata: {name: hush}\nspec: {}\n');
    const r = await ork('-f', katalogFile, '--cr', cr);
    expect(r.code, r.err).to.equal(0);
    expect(parseAllDocuments(r.out).map((d) => (d.toJS() as { metadata: { name: string } }).metadata.name)).to.deep.equal(['hush-here']);
    expect(r.err).to.equal('note: onDelete declares 1 child (jobs: 1) not shown for Quiet default/hush: the controller renders and applies them only when the CR is deleted\n');
  });

  it('says when a preReconcile gate would stop the CR it renders anyway, and which gate it cannot evaluate offline', async () => {
    const gate = (g: string) => write('gated.yaml', `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: q}\nspec:\n  crds:\n    quiet:\n      apiTypes: {group: q.example.com, version: v1, kind: Quiet, plural: quiets}\n      operatorBox:\n        preReconcile:\n${g}        onReconcile:\n          configMaps:\n            - name: "{{ .metadata.name }}-here"\n`);
    const off = write('gated-off.yaml', 'apiVersion: q.example.com/v1\nkind: Quiet\nmetadata: {name: off}\nspec: {enabled: false}\n');
    const on = write('gated-on.yaml', 'apiVersion: q.example.com/v1\nkind: Quiet\nmetadata: {name: on}\nspec: {enabled: true}\n');
    const reconcileGate = gate('          reconcileGate:\n            when: [{field: spec.enabled, equals: "true"}]\n');
    const held = await ork('-f', reconcileGate, '--cr', off);
    expect(held.code, held.err).to.equal(0);
    expect(held.out).to.contain('off-here');
    expect(held.err).to.equal('note: preReconcile.reconcileGate does not pass for Quiet default/off (when: spec.enabled equals "true"): the controller would hold it (Ready=False ReconcileGated), and would write none of what is printed here\n');
    expect((await ork('-f', reconcileGate, '--cr', on)).err).to.equal('');
    const enqueue = await ork('-f', gate('          sentinels: [generationChanged]\n          enqueueGate:\n            sentinels: [generationChanged]\n            when: [{field: spec.enabled, equals: "true"}]\n'), '--cr', off);
    expect(enqueue.err).to.contain('note: preReconcile.enqueueGate does not pass for Quiet default/off (when: spec.enabled equals "true"): the controller would drop its events unless one of its sentinels (generationChanged) fires');
    const external = await ork('-f', gate('          reconcileGate:\n            external: [{name: flag, url: "https://flags.example.org/x"}]\n            when: [{field: external.flag.on, equals: "true"}]\n'), '--cr', off);
    expect(external.err).to.equal('note: preReconcile.reconcileGate reads external calls, which ork template does not make: not evaluated for Quiet default/off\n');
  });

  it('names the status fields it leaves out because they read live data, and only those', async () => {
    const katalogFile = write('live.yaml', 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: q}\nspec:\n  crds:\n    quiet:\n      apiTypes: {group: q.example.com, version: v1, kind: Quiet, plural: quiets}\n      operatorBox:\n        onReconcile:\n          configMaps:\n            - name: "{{ .metadata.name }}-here"\n        status:\n          fields:\n            - {path: phase, value: Idle}\n            - {path: ready, value: "{{ .children.cm.metadata.name }}"}\n            - path: depth\n              value: high\n              when: [{field: metrics.queueDepth, gt: 5}]\n            - {path: metricsName, value: "{{ .spec.metrics }}"}\n            - {path: status.db, value: "{{ .cross.db.status.endpoint }}"}\n');
    const cr = write('live-cr.yaml', 'apiVersion: q.example.com/v1\nkind: Quiet\nmetadata: {name: hush}\nspec: {}\n');
    const r = await ork('-f', katalogFile, '--cr', cr);
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.contain('#   phase: "Idle"');
    expect(r.err).to.equal('note: status fields ready, depth, db of Quiet default/hush read live data ork template does not have (.children, .metrics, .health, .cross, .external): not shown\n');
  });

  it('says when the entry\'s namespace rules would keep the controller from reconciling the CR it renders anyway', async () => {
    const katalogFile = write('fenced.yaml', 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: q}\nspec:\n  crds:\n    quiet:\n      apiTypes: {group: q.example.com, version: v1, kind: Quiet, plural: quiets}\n      restrictedNamespaces: [kube-*]\n      operatorBox:\n        onReconcile:\n          configMaps:\n            - name: "{{ .metadata.name }}-here"\n');
    const fenced = await ork('-f', katalogFile, '--cr', write('fenced-cr.yaml', 'apiVersion: q.example.com/v1\nkind: Quiet\nmetadata: {name: hush, namespace: kube-system}\nspec: {}\n'));
    expect(fenced.code, fenced.err).to.equal(0);
    expect(fenced.err).to.equal('note: namespace kube-system is restricted (restrictedNamespaces: kube-*): the controller would not reconcile Quiet kube-system/hush (Ready=False NamespaceNotAllowed) and would write none of what is printed here\n');
    expect((await ork('-f', katalogFile, '--cr', write('open-cr.yaml', 'apiVersion: q.example.com/v1\nkind: Quiet\nmetadata: {name: hush, namespace: apps}\nspec: {}\n'))).err).to.equal('');
  });

  it('prints a JSON array with -o json', async () => {
    const r = await ork('-f', website, '--cr', join(root, 'examples/website/crs/docs.yaml'), '-o', 'json');
    expect(r.code, r.err).to.equal(0);
    const children = JSON.parse(r.out) as { kind: string; metadata: { namespace: string; ownerReferences: { uid: string }[] } }[];
    expect(children.map((c) => c.kind)).to.deep.equal(['Service', 'Deployment']);
    expect(children[0]!.metadata.ownerReferences[0]!.uid).to.equal('6f1c2b9e-3d4a-4c5b-8e7f-0a1b2c3d4e5f');
  });

  it('fills a placeholder uid and the default namespace for offline CRs', async () => {
    const cr = write('nouid.yaml', 'apiVersion: examples.orkspace.io/v1\nkind: Website\nmetadata: {name: site}\nspec: {image: "nginx:1.27"}\n');
    const r = await ork('-f', website, '--cr', cr, '-o', 'json');
    expect(r.code, r.err).to.equal(0);
    const [svc] = JSON.parse(r.out) as { metadata: { namespace: string; ownerReferences: { uid: string }[] } }[];
    expect(svc!.metadata.namespace).to.equal('default');
    expect(svc!.metadata.ownerReferences[0]!.uid).to.equal('00000000-0000-0000-0000-000000000000');
  });

  it('prints warnings on stderr and still renders', async () => {
    const r = await ork('-f', database, '--cr', join(root, 'examples/database/crs/scratch.yaml'), '--seed', '1');
    expect(r.code, r.err).to.equal(0);
    expect(r.err).to.equal('warning: spec.replicas: a single replica has no failover; set spec.replicas to 2 or more for production (CR dev/scratch)\n');
  });

  it('gives different once secrets for different seeds and the same for the same seed', async () => {
    const cr = join(root, 'examples/database/crs/orders.yaml');
    const a = await ork('-f', database, '--cr', cr, '--seed', '1');
    const b = await ork('-f', database, '--cr', cr, '--seed', '1');
    const c = await ork('-f', database, '--cr', cr, '--seed', '2');
    expect(a.out).to.equal(b.out);
    expect(a.out).not.to.equal(c.out);
  });

  it('exits 2 with every denied rule', async () => {
    const cr = write('denied.yaml', 'apiVersion: examples.orkspace.io/v1\nkind: Database\nmetadata: {name: big, namespace: x}\nspec: {version: "9", replicas: 9}\n');
    const r = await ork('-f', database, '--cr', cr);
    expect(r.code).to.equal(2);
    expect(r.err).to.equal([
      'spec.version: spec.version must be one of 15, 16, 17 (CR x/big)',
      'spec.replicas: spec.replicas must be at most 5 (CR x/big)',
      'ork template: VALIDATION_DENIED',
      '',
    ].join('\n'));
    expect(r.out).to.equal('');
  });

  const garbage: [string, string, RegExp][] = [
    ['not YAML', 'kind: [unclosed\n', /garbage\.yaml:2:1: not valid YAML: Flow sequence/],
    ['not an object', '- a\n- b\n', /garbage\.yaml: expected a Kubernetes object/],
    ['no metadata.name', 'apiVersion: examples.orkspace.io/v1\nkind: Website\nmetadata: {namespace: x}\n', /garbage\.yaml.*metadata\.name is missing/],
    ['empty', '# only a comment\n---\n', /garbage\.yaml: expected a custom resource document, found none/],
    ['two documents, one not a CR', 'apiVersion: examples.orkspace.io/v1\nkind: Website\nmetadata: {name: a}\n---\nb: 2\n', /garbage\.yaml: document 2: metadata is missing/],
  ];
  for (const [name, text, message] of garbage) {
    it(`exits 2 naming the file for a CR that is ${name}`, async () => {
      const r = await ork('-f', website, '--cr', write('garbage.yaml', text));
      expect(r.code).to.equal(2);
      expect(r.err).to.match(message);
      expect(r.err).to.contain('CR_INVALID');
    });
  }

  it('exits 2 for a CR file that does not exist', async () => {
    const r = await ork('-f', website, '--cr', join(dir, 'missing.yaml'));
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/missing\.yaml: cannot read the file: no such file/);
  });

  it('names the CR kind and the declared CRDs when nothing serves the CR', async () => {
    const cr = write('other.yaml', 'apiVersion: other.example/v1\nkind: Gadget\nmetadata: {name: g}\n');
    const r = await ork('-f', website, '--cr', cr);
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/other\.yaml is a other\.example\/v1 Gadget, which no CRD entry of .*katalog\.yaml serves \(it declares: website \(examples\.orkspace\.io\/v1 Website\)\)/);
  });

  it('renders every CR of a file of several the Katalog serves, skipping the others with a note', async () => {
    const site = (name: string) => `apiVersion: examples.orkspace.io/v1\nkind: Website\nmetadata: {name: ${name}, namespace: web}\nspec: {image: "nginx:1.27"}\n`;
    const cr = write('several.yaml', `${site('one')}---\napiVersion: other.example/v1\nkind: Gadget\nmetadata: {name: g}\n---\n${site('two')}---\n`);
    const r = await ork('-f', website, '--cr', cr);
    expect(r.code).to.equal(0);
    expect(r.err).to.match(/note: skipped Gadget g of .*several\.yaml: it is a other\.example\/v1 Gadget, which no CRD entry/);
    expect(r.out.match(/^# custom resource Website web\/(one|two)$/gm)).to.deep.equal(['# custom resource Website web/one', '# custom resource Website web/two']);
    const json = await ork('-f', website, '--cr', cr, '-o', 'json');
    const names = (JSON.parse(json.out) as { metadata: { ownerReferences: { name: string }[] } }[]).map((o) => o.metadata.ownerReferences[0]!.name);
    expect([...new Set(names)]).to.deep.equal(['one', 'two']);
  });

  it('uses --crd to choose the entry, and names a wrong one', async () => {
    const cr = write('forced.yaml', 'apiVersion: other.example/v1\nkind: Gadget\nmetadata: {name: g, namespace: n}\nspec: {image: "x:1"}\n');
    expect((await ork('-f', website, '--cr', cr, '--crd', 'website')).code).to.equal(0);
    const r = await ork('-f', website, '--cr', cr, '--crd', 'nope');
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/--crd nope: .* has no such CRD entry \(it declares: website/);
  });

  it('refuses an ambiguous CR naming both entries (defensive: the Katalog validator refuses one kind twice)', () => {
    const entry = (name: string, version: string) => ({ name, entry: {}, apiTypes: { group: 'examples.orkspace.io', version, kind: 'Website', plural: 'websites' } });
    const cr = { apiVersion: 'examples.orkspace.io/v1', kind: 'Website', metadata: { name: 'x' } };
    const two = [entry('one', 'v1'), { ...entry('two', 'v2'), crd: { spec: { versions: [{ name: 'v1', served: true }, { name: 'v2', served: true }] } } }];
    expect(() => pickCrd(two, cr, undefined, 'k.yaml', 'cr.yaml')).to.throw(/cr\.yaml: examples\.orkspace\.io\/v1 Website is served by more than one CRD entry of k\.yaml: one \(examples\.orkspace\.io\/v1 Website\) and two \(examples\.orkspace\.io\/v2 Website\); pass --crd NAME/);
    expect(pickCrd(two, { ...cr, apiVersion: 'examples.orkspace.io/v2' }, undefined, 'k.yaml', 'cr.yaml').name).to.equal('two');
    const unserved = [{ ...entry('old', 'v2'), crd: { spec: { versions: [{ name: 'v1', served: false }] } } }];
    expect(() => pickCrd(unserved, cr, undefined, 'k.yaml', 'cr.yaml')).to.throw(/which no CRD entry of k\.yaml serves/);
  });

  const usage: [string, string[], RegExp][] = [
    ['no -f and no katalog.yaml here', ['--cr', 'x.yaml'], /no -f given and no katalog\.yaml or komposer\.yaml in /],
    ['no --cr and a file that is not there', ['-f', 'k.yaml'], /k\.yaml: cannot read the file: no such file/],
    ['--graph with --cr', ['-f', 'k.yaml', '--cr', 'x.yaml', '--graph'], /--graph prints the Katalog's dependency order and takes no --cr/],
    ['--seed without --cr', ['-f', 'k.yaml', '--seed', '1'], /--seed needs --cr/],
    ['--graph with --crd', ['-f', 'k.yaml', '-g', '--crd', 'x'], /--graph and --crd each choose what to print; give one/],
    ['upstream\'s -o FILE', ['-f', 'k.yaml', '-o', 'runtime.yaml'], /-o takes the output format here \(yaml or json\), not a file; to write runtime\.yaml, redirect: ork template … > runtime\.yaml/],
    ['--yaml with --json', ['-f', 'k.yaml', '-y', '-j'], /--yaml contradicts --json or -o json/],
    ['a bad -o', ['-f', 'k.yaml', '--cr', 'x.yaml', '-o', 'xml'], /-o must be one of yaml, json, not "xml"/],
    ['a bad --seed', ['-f', 'k.yaml', '--cr', 'x.yaml', '--seed', 'abc'], /--seed must be a whole number/],
    ['an unknown flag', ['--frob'], /Unknown option '--frob'/],
  ];
  for (const [name, args, message] of usage) {
    it(`exits 2 for ${name}`, async () => {
      const r = await ork(...args);
      expect(r.code).to.equal(2);
      expect(r.err).to.match(message);
    });
  }

  it('prints help', async () => {
    const r = await ork('--help');
    expect(r.code).to.equal(0);
    expect(r.out).to.match(/^usage: ork template \[-f KATALOG\] --cr CR\.yaml/);
  });
});
