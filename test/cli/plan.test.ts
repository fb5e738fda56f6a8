// `ork plan` against the real API server, on an upgrade of examples/website: the controller runs
// the OLD Komposer and reconciles three Websites, then `ork plan -f NEW` (through the CLI) must
// report the CRD changes (safe, breaking acknowledged, breaking not), RBAC, and per CR the
// Deployment update (field diff), the ConfigMap create, the public Service prune, a Secret change
// without its data, and a CR the new validation rule denies. Golden text; JSON against the schema.
import AjvModule from 'ajv';
import { expect } from 'chai';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import type { Plan } from '../../shared/plan/index.js';
import planSchema from '../../shared/plan/plan.schema.json' with { type: 'json' };
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../support/cluster.js';
import { captureIO } from '../support/io.js';
import { until } from '../support/poll.js';
import { repoRoot, tempDir } from '../support/tools.js';
import { readyOf, resolveToBundle, worldOn, type Condition, type World } from '../controller/e2e/world.js';

const update = process.env.UPDATE_GOLDEN === '1';
const GOLDEN_DIR = join(repoRoot, 'test/cli/plan-golden');
const EXAMPLE_GROUP = 'examples.orkspace.io';

/** examples/website in `dir`, with its own CRD group, under a Komposer named plan-example. */
function writeExample(dir: string, group: string, edit: { katalog?: (s: string) => string; crd?: (s: string) => string; komposerCrds?: string }): string {
  mkdirSync(join(dir, 'website'), { recursive: true });
  cpSync(join(repoRoot, 'examples/website'), join(dir, 'website'), { recursive: true });
  for (const file of readdirSync(join(dir, 'website'))) {
    if (!file.endsWith('.yaml')) continue;
    const path = join(dir, 'website', file);
    let text = readFileSync(path, 'utf8').replaceAll(EXAMPLE_GROUP, group);
    if (file === 'katalog.yaml') text = edit.katalog ? edit.katalog(secretChild(text)) : secretChild(text);
    if (file === 'crd.yaml' && edit.crd) text = edit.crd(text);
    writeFileSync(path, text);
  }
  const komposer = join(dir, 'komposer.yaml');
  writeFileSync(komposer, `apiVersion: orkestra.orkspace.io/v1
kind: Komposer
metadata:
  name: plan-example
imports:
  files: [./website/katalog.yaml]
spec:
  crds: ${edit.komposerCrds ?? '{}'}
`);
  return komposer;
}

/** Both revisions get a Secret child; its value changes with the revision (marker v1/v2). */
function secretChild(katalog: string): string {
  return replaceOnce(katalog, '          deployments:\n', `          secrets:
            - stringData:
                token: "{{ .metadata.name }}-REVISION"
          deployments:
`);
}

function replaceOnce(text: string, from: string, to: string): string {
  expect(text.split(from).length, `exactly one ${JSON.stringify(from)} in the example`).to.equal(2);
  return text.replace(from, to);
}

const PUBLIC_SERVICE = `            - name: "{{ .metadata.name }}-public"
              type: LoadBalancer
              port: 80
              targetPort: "{{ .spec.port }}"
              when:
                - field: spec.public
                  equals: true
`;

/** The upgrade: replicas default 2 → 3, an env var added, a ConfigMap child added, the public Service removed, a registry retired, the Secret's value changed. */
function newKatalog(text: string): string {
  let t = text.replace('REVISION', 'v2');
  t = replaceOnce(t, 'default: 2', 'default: 3');
  t = replaceOnce(t, '                  value: "{{ .spec.title | default .metadata.name }}"\n', `                  value: "{{ .spec.title | default .metadata.name }}"
                - name: SITE_THEME
                  value: "{{ .spec.theme | default \\"light\\" }}"
`);
  t = replaceOnce(t, PUBLIC_SERVICE, '');
  t = replaceOnce(t, '          secrets:\n', `          configMaps:
            - data:
                title: "{{ .spec.title | default .metadata.name }}"
          secrets:
`);
  t = replaceOnce(t, '      operatorBox:\n', `          - field: spec.image
            prefix: "registry.old/"
            negate: true
            message: "registry.old is retired; push the image to ghcr.io"
      operatorBox:
`);
  return t;
}

/** The CRD upgrade: an optional property (safe), port maximum lowered (acknowledged), replicas minimum raised (not). */
function newCrd(text: string): string {
  let t = replaceOnce(text, '                title: {type: string}\n', '                title: {type: string}\n                theme: {type: string, description: "Colour scheme."}\n');
  t = replaceOnce(t, 'maximum: 65535', 'maximum: 32767');
  return replaceOnce(t, 'replicas: {type: integer, minimum: 0}', 'replicas: {type: integer, minimum: 1}');
}

const WEBSITES = [
  { name: 'blog', spec: { image: 'nginx:1.27', title: 'Our blog', public: true } },
  { name: 'docs', spec: { image: 'ghcr.io/example/docs:2.3.1', replicas: 3, port: 3000 } },
  { name: 'legacy', spec: { image: 'registry.old/site:1.0' } },
];

async function plan(...args: string[]) {
  return planWith({}, ...args);
}

async function planWith(overrides: Parameters<typeof captureIO>[0], ...args: string[]) {
  const io = captureIO(overrides);
  const code = await runCommand(['plan', ...args], io);
  return { code, out: io.out, err: io.err };
}

function checkGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (update) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `missing ${path}; run with UPDATE_GOLDEN=1`).to.equal(true);
  expect(actual).to.equal(readFileSync(path, 'utf8'));
}

function validateAgainstSchema(document: unknown): void {
  const Ajv = AjvModule.default;
  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(planSchema);
  expect(validate(document), JSON.stringify(validate.errors, null, 2)).to.equal(true);
}

describe('cli ork plan (real API server)', function () {
  this.timeout(CLUSTER_START_TIMEOUT_MS);
  const group = `plan${process.pid}.orkspace.test`;
  let cluster: TestCluster;
  let ns: string;
  let world: World;
  let oldKomposer: string;
  let newKomposer: string;
  const cleanup: string[] = [];

  /** Everything that differs between runs and clusters, replaced by a fixed name. */
  const normalise = (text: string) => text
    .replaceAll(ns, '<ns>')
    .replaceAll(group, '<group>')
    .replaceAll(cluster.server, '<server>')
    .replace(/sha256:[0-9a-f]{64}/g, 'sha256:<digest>')
    .replace(/"uid":"[0-9a-f-]{36}"/g, '"uid":"<uid>"')
    .replace(/the current identity \([^)]*\)/g, 'the current identity (<identity>)');

  before(async () => {
    cluster = await getTestCluster();
    ns = await newTestNamespace('plan');
    oldKomposer = writeExample(tempDir('plan-old'), group, { katalog: (t) => t.replace('REVISION', 'v1') });
    newKomposer = writeExample(tempDir('plan-new'), group, { katalog: newKatalog, crd: newCrd, komposerCrds: '\n    website:\n      allowBreakingChanges: [v1:spec.port:maximum-lowered]' });

    // The OLD operator runs and reconciles three Websites, then stops.
    const bundle = await resolveToBundle({ komposer: oldKomposer, cwd: dirname(oldKomposer) });
    world = await worldOn(bundle, group);
    await world.start();
    for (const w of WEBSITES) {
      await cluster.client.post(world.crPath('websites', ns), { apiVersion: `${group}/v1`, kind: 'Website', metadata: { name: w.name }, spec: w.spec });
    }
    for (const w of WEBSITES) {
      await until(`${w.name} Ready`, async () => {
        const cr = await cluster.client.get<{ status?: { conditions?: Condition[] } }>(world.crPath('websites', ns, w.name));
        return readyOf(cr)?.status === 'True' ? true : undefined;
      });
    }
    await world.stop();
  });

  after(async () => {
    await world?.close();
    for (const path of cleanup) await cluster.client.request({ method: 'DELETE', path });
  });

  it('the unchanged Komposer: exit 0, "No changes."', async () => {
    const { code, out, err } = await plan('-f', oldKomposer, '--kubeconfig', cluster.kubeconfigPath);
    expect(err).to.equal('');
    expect(out).to.match(/\nNo changes\.\n$/);
    expect(out).to.contain(`websites.${group}: unchanged`);
    expect(out).to.contain('children: 0 to create, 0 to update, 0 to prune, 0 in conflict, 10 unchanged');
    expect(code).to.equal(0);
  });

  it('--bundle with --key: the bundle the controller ran, verified, with its digest: exit 0', async () => {
    const { code, out, err } = await plan('--bundle', world.bundle.bundleDir, '--key', world.bundle.publicKeyPath, '--kubeconfig', cluster.kubeconfigPath);
    expect(err).to.equal('');
    expect(out.split('\n')[0]).to.equal(`Plan for katalog plan-example, bundle ${world.bundle.digest} (verified)`);
    expect(code).to.equal(0);
    const unverified = await plan('--bundle', world.bundle.bundleDir, '--kubeconfig', cluster.kubeconfigPath, '--json');
    expect((JSON.parse(unverified.out) as Plan).bundle).to.deep.equal({ source: 'bundle', digest: world.bundle.digest, verified: false, katalog: 'plan-example' });
    expect(unverified.code).to.equal(0);
  });

  it('colour on a terminal, unless NO_COLOR or --no-color; never in --json', async () => {
    const args = ['-f', newKomposer, '--kubeconfig', cluster.kubeconfigPath];
    const escape = '\u001b[';
    expect((await planWith({ isTTY: true }, ...args)).out).to.contain(`${escape}31m`);
    expect((await planWith({ isTTY: true, env: { NO_COLOR: '1' } }, ...args)).out).not.to.contain(escape);
    expect((await planWith({ isTTY: true }, ...args, '--no-color')).out).not.to.contain(escape);
    expect((await planWith({ isTTY: true }, ...args, '--json')).out).not.to.contain(escape);
    expect((await plan(...args)).out).not.to.contain(escape);
  });

  it('the upgrade: exit 5, golden text (CRD changes, RBAC, per-CR children), nothing written', async () => {
    const before = await childrenSnapshot();
    const { code, out, err } = await plan('-f', newKomposer, '--kubeconfig', cluster.kubeconfigPath);
    expect(err).to.equal('');
    checkGolden('upgrade.txt', normalise(out));
    expect(out).not.to.contain('blog-v2');
    expect(out).not.to.contain(Buffer.from('blog-v2').toString('base64'));
    expect(code).to.equal(5);
    expect(await childrenSnapshot(), 'plan wrote nothing').to.deep.equal(before);
  });

  it('--json: valid against plan.schema.json, with the expected entries', async () => {
    const { code, out } = await plan('-f', newKomposer, '--kubeconfig', cluster.kubeconfigPath, '--json');
    expect(code).to.equal(5);
    const report = JSON.parse(out) as Plan;
    validateAgainstSchema(report);
    expect(report.apiVersion).to.equal('orkestra.orkspace.io/plan/v1');
    expect(report.changes).to.equal(true);
    expect(report.bundle).to.include({ source: 'komposer', katalog: 'plan-example', verified: false });

    const crd = report.crds.find((c) => c.name === `websites.${group}`)!;
    expect(crd.status).to.equal('changed');
    expect(crd.changes.map((c) => [c.id, c.severity, c.acknowledged])).to.deep.equal([
      ['v1:spec.port:maximum-lowered', 'breaking', true],
      ['v1:spec.replicas:minimum-raised', 'breaking', false],
      ['v1:spec.theme:property-added', 'safe', false],
    ]);
    expect(report.refusals.map((r) => r.code)).to.deep.equal(['CRD_BREAKING_CHANGE']);
    expect(report.rbac.subject.kind).to.equal('self');
    expect(report.rbac.missing).to.deep.equal([]);

    const crs = report.resources[0]!.crs;
    const blog = crs.find((c) => c.name === 'blog')!;
    const actions = blog.children.map((c) => `${c.action} ${c.kind} ${c.name}`);
    expect(actions).to.deep.equal([
      'create ConfigMap blog-config',
      'update Secret blog-secret',
      'unchanged Service blog-svc',
      'update Deployment blog',
      'prune Service blog-public',
    ]);
    const deployment = blog.children.find((c) => c.kind === 'Deployment')!;
    expect(deployment.diff).to.deep.include({ path: 'spec.replicas', op: 'changed', old: 2, new: 3 });
    expect(deployment.diff!.some((d) => d.op === 'added' && /env\[name=SITE_THEME\]$/.test(d.path))).to.equal(true);
    expect(blog.children.find((c) => c.kind === 'Secret')!.diff).to.deep.equal([{ path: 'data', op: 'changed', secret: true }]);

    const legacy = crs.find((c) => c.name === 'legacy')!;
    expect(legacy.error?.code).to.equal('VALIDATION_DENIED');
    expect(legacy.error?.messages).to.deep.equal([`registry.old is retired; push the image to ghcr.io (CR ${ns}/legacy)`]);
    expect(legacy.children).to.deep.equal([]);
    expect(report.summary.children).to.deep.equal({ create: 2, update: 4, prune: 1, unchanged: 2, conflict: 0 });
  });

  it('--max-crs cuts the list and says so', async () => {
    const { code, out } = await plan('-f', newKomposer, '--kubeconfig', cluster.kubeconfigPath, '--max-crs', '1', '--json');
    expect(code).to.equal(5);
    const report = JSON.parse(out) as Plan;
    validateAgainstSchema(report);
    expect(report.resources[0]).to.include({ planned: 1, truncated: true, more: 2 });
    expect(report.resources[0]!.crs.map((c) => c.name)).to.deep.equal(['blog']);
  });

  it('--service-account lacking `delete secrets`: that permission listed as missing, with rules that grant it; RBAC_MISSING refusal', async () => {
    const sa = 'ork-plan-sa';
    await cluster.client.post(`/api/v1/namespaces/${ns}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa } });
    const args = ['-f', oldKomposer, '--kubeconfig', cluster.kubeconfigPath, '--service-account', `${ns}/${sa}`, '--namespace', ns];
    // Nothing granted yet: everything is missing; the rules printed are what we grant, minus one verb.
    const first = JSON.parse((await plan(...args, '--json')).out) as Plan;
    expect(first.rbac.subject).to.deep.equal({ kind: 'serviceAccount', user: `system:serviceaccount:${ns}:${sa}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] });
    expect(first.rbac.missing.length).to.equal(first.rbac.checked);
    for (const object of first.rbac.missingRules) {
      const o = object as { kind: string; metadata: { name: string; namespace?: string }; rules?: { resources: string[]; verbs: string[] }[] };
      if (o.rules) o.rules = o.rules.map((r) => (r.resources[0] === 'secrets' ? { ...r, verbs: r.verbs.filter((v) => v !== 'delete') } : r));
      const plural = { ClusterRole: 'clusterroles', ClusterRoleBinding: 'clusterrolebindings', Role: 'roles', RoleBinding: 'rolebindings' }[o.kind]!;
      const base = `/apis/rbac.authorization.k8s.io/v1${o.metadata.namespace ? `/namespaces/${o.metadata.namespace}` : ''}/${plural}`;
      await cluster.client.post(base, o);
      if (!o.metadata.namespace) cleanup.push(`${base}/${o.metadata.name}`);
    }
    const result = await until('only delete secrets missing', async () => {
      const r = await plan(...args);
      return r.out.includes('missing 1 of') ? r : undefined;
    });
    expect(result.code).to.equal(5);
    expect(result.out).to.contain(`RBAC for service account system:serviceaccount:${ns}:${sa}\n  ! missing 1 of `);
    expect(result.out).to.contain('      delete secrets\n    rules that grant them:\n');
    expect(result.out).to.contain('The controller would refuse to start: RBAC_MISSING');
    const json = JSON.parse((await plan(...args, '--json')).out) as Plan;
    validateAgainstSchema(json);
    expect(json.rbac.missing).to.deep.equal([{ verb: 'delete', group: '', resource: 'secrets' }]);
    expect(json.rbac.missingRules).to.deep.equal([
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'orkestra-plan-example' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['delete'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'orkestra-plan-example' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'orkestra-plan-example' }, subjects: [{ kind: 'ServiceAccount', name: sa, namespace: ns }] },
    ]);
    expect(json.refusals.map((r) => r.code)).to.deep.equal(['RBAC_MISSING']);
  });

  /** Every child in the namespace with its resourceVersion: a plan must not move any. */
  async function childrenSnapshot(): Promise<string[]> {
    const out: string[] = [];
    for (const path of [`/apis/apps/v1/namespaces/${ns}/deployments`, `/api/v1/namespaces/${ns}/services`, `/api/v1/namespaces/${ns}/secrets`, `/api/v1/namespaces/${ns}/configmaps`]) {
      const list = await cluster.client.get<{ items: { metadata: { name: string; resourceVersion: string } }[] }>(path);
      out.push(...list.items.map((i) => `${path.split('/').pop()} ${i.metadata.name} ${i.metadata.resourceVersion}`));
    }
    return out.sort();
  }
});
