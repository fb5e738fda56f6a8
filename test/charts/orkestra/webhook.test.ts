// The chart's webhook (webhook.enabled), rendered by real helm: its own Deployment with the
// controller's resolver and bundle volumes, the `ork webhook` flags each value turns into, labels
// the controller's selectors never match, the Service, the PDB only with replicas > 1, the two
// configurations created empty, cert-manager and an existing Secret, and RBAC that grants exactly
// what `ork rbac --webhook` derives from a real multi-version bundle — never `create` on webhook
// configurations.
import { expect } from 'chai';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { getHelm, repoRoot, runTool, tempDir, type HelmTool } from '../../support/tools.js';
import { covered, describeGrant, grantsOfRoles, type Rule } from './rbac-coverage.js';
import { findObject, helmFailure, isWebhookObject, NAMESPACE, parseManifests, RELEASE, renderChart, CHART_DIR, type K8sObject } from './render.js';

const WEBHOOK = `${RELEASE}-webhook`;
const CONFIGURATION = `orkestra-${RELEASE}`;
const SECRET = `${WEBHOOK}-tls`;
const CLI = join(repoRoot, 'dist', 'cli', 'main.js');

const argsOf = (objects: K8sObject[]): string[] => findObject(objects, 'Deployment', WEBHOOK).spec.template.spec.containers[0].args;
const flag = (args: string[], name: string): string | undefined => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const selects = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('charts/orkestra: the webhook (webhook.enabled)', function () {
  this.timeout(120_000);
  let helm: HelmTool;
  let objects: K8sObject[];
  const render = async (...args: string[]) => parseManifests(await renderChart(helm, ['--set', 'webhook.enabled=true', ...args]));

  before(async () => {
    helm = await getHelm({ major: 3 });
    objects = await render();
  });

  it('is off by default: no webhook object is rendered', async () => {
    expect(parseManifests(await renderChart(helm)).filter(isWebhookObject)).to.deep.equal([]);
  });

  it('its own Deployment of 2 replicas, running the controller\'s resolver into the same bundle emptyDir', () => {
    const controller = findObject(objects, 'Deployment').spec.template.spec;
    const webhook = findObject(objects, 'Deployment', WEBHOOK).spec.template.spec;
    expect(findObject(objects, 'Deployment', WEBHOOK).spec.replicas).to.equal(2);
    expect(webhook.initContainers).to.deep.equal(controller.initContainers);
    const volume = (spec: { volumes: { name: string }[] }, name: string) => spec.volumes.find((v) => v.name === name);
    for (const name of ['komposer', 'signing-key', 'signing-cert', 'bundle']) expect(volume(webhook, name), name).to.deep.equal(volume(controller, name));
    const [container] = webhook.containers;
    expect(container.volumeMounts.find((m: { name: string }) => m.name === 'bundle')).to.include({ mountPath: '/var/run/orkestra/bundle', readOnly: true });
    // The webhook container never mounts a Secret (the private key stays in the resolver).
    const secretVolumes = new Set(webhook.volumes.filter((v: { secret?: unknown }) => v.secret).map((v: { name: string }) => v.name));
    expect(container.volumeMounts.filter((m: { name: string }) => secretVolumes.has(m.name))).to.deep.equal([]);
    expect(webhook.serviceAccountName).to.equal(WEBHOOK);
    expect(findObject(objects, 'Deployment', WEBHOOK).spec.template.metadata.annotations['checksum/komposer']).to.equal(findObject(objects, 'Deployment').spec.template.metadata.annotations['checksum/komposer']);
  });

  it('runs ork webhook with the Service, the managed Secret, failurePolicy Fail, and is ready only through /readyz', () => {
    const args = argsOf(objects);
    expect(args[0]).to.equal('webhook');
    expect(flag(args, '--bundle')).to.equal('/var/run/orkestra/bundle');
    // Bound to the same configuration as the controller: a replayed bundle is refused by both.
    expect(flag(args, '--config-checksum')).to.equal(flag(findObject(objects, 'Deployment').spec.template.spec.containers[0].args, '--config-checksum')).and.to.match(/^[0-9a-f]{64}$|^sha256:/);
    expect(flag(args, '--name')).to.equal(RELEASE);
    expect(flag(args, '--service')).to.equal(`${NAMESPACE}/${WEBHOOK}`);
    expect(flag(args, '--failure-policy')).to.equal('Fail');
    expect(flag(args, '--tls-secret')).to.equal(SECRET);
    expect(flag(args, '--termination-message-path')).to.equal('/dev/termination-log');
    expect(args).to.not.include('--tls-secret-external');
    const container = findObject(objects, 'Deployment', WEBHOOK).spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet).to.deep.equal({ path: '/readyz', port: 'http' });
    expect(container.ports.map((p: { name: string; containerPort: number }) => `${p.name}:${p.containerPort}`)).to.deep.equal(['https:9443', 'http:8081']);
  });

  it('labels the controller\'s selectors never match, and a Service selecting only the webhook pods', () => {
    const controller = findObject(objects, 'Deployment');
    const webhook = findObject(objects, 'Deployment', WEBHOOK);
    expect(selects(controller.spec.selector.matchLabels, webhook.spec.template.metadata.labels)).to.equal(false);
    expect(selects(webhook.spec.selector.matchLabels, controller.spec.template.metadata.labels)).to.equal(false);
    for (const service of objects.filter((o) => o.kind === 'Service')) {
      expect(selects(service.spec.selector, webhook.spec.template.metadata.labels), service.metadata.name).to.equal(service.metadata.name === WEBHOOK);
    }
    expect(findObject(objects, 'Service', WEBHOOK).spec.ports).to.deep.equal([{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }]);
    expect(findObject(objects, 'PodDisruptionBudget', WEBHOOK).spec.selector.matchLabels).to.deep.equal(webhook.spec.selector.matchLabels);
  });

  it('a PDB only with more than one replica; failurePolicy Ignore is passed on, anything else refused', async () => {
    expect((await render('--set', 'webhook.replicas=1')).filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.metadata.name)).to.deep.equal([RELEASE]);
    expect(flag(argsOf(await render('--set', 'webhook.failurePolicy=Ignore')), '--failure-policy')).to.equal('Ignore');
    expect(await helmFailure(helm, ['template', RELEASE, CHART_DIR, '--set', 'webhook.enabled=true', '--set', 'webhook.failurePolicy=Sometimes'])).to.match(/failurePolicy/);
  });

  it('creates both configurations empty (the webhook writes their webhooks), so helm uninstall removes them', () => {
    for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
      const config = findObject(objects, kind, CONFIGURATION);
      expect(config).to.not.have.property('webhooks');
      expect(config.metadata.annotations).to.equal(undefined);
    }
  });

  it('cert-manager: a self-signed Issuer, a Certificate into the Secret, inject-ca-from on the configurations, the Secret only read', async () => {
    const cm = await render('--set', 'webhook.certManager.enabled=true');
    const certificate = findObject(cm, 'Certificate', WEBHOOK);
    expect(certificate.spec.secretName).to.equal(SECRET);
    expect(certificate.spec.dnsNames).to.deep.equal([`${WEBHOOK}.${NAMESPACE}.svc`, `${WEBHOOK}.${NAMESPACE}.svc.cluster.local`]);
    expect(certificate.spec.issuerRef).to.deep.equal({ name: `${WEBHOOK}-selfsigned`, kind: 'Issuer', group: 'cert-manager.io' });
    expect(findObject(cm, 'Issuer', `${WEBHOOK}-selfsigned`).spec).to.deep.equal({ selfSigned: {} });
    for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
      expect(findObject(cm, kind, CONFIGURATION).metadata.annotations).to.deep.equal({ 'cert-manager.io/inject-ca-from': `${NAMESPACE}/${WEBHOOK}` });
    }
    const args = argsOf(cm);
    expect(args).to.include('--tls-secret-external');
    expect(flag(args, '--inject-ca-from')).to.equal(`${NAMESPACE}/${WEBHOOK}`);
    const own = await render('--set', 'webhook.certManager.enabled=true', '--set', 'webhook.certManager.issuerRef.name=corp-ca', '--set', 'webhook.certManager.issuerRef.kind=ClusterIssuer');
    expect(own.filter((o) => o.kind === 'Issuer')).to.deep.equal([]);
    expect(findObject(own, 'Certificate', WEBHOOK).spec.issuerRef).to.deep.equal({ name: 'corp-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' });
  });

  it('an existing Secret: served from and only read (get on that name); together with cert-manager: refused', async () => {
    const existing = await render('--set', 'webhook.existingSecret=my-tls');
    expect(flag(argsOf(existing), '--tls-secret')).to.equal('my-tls');
    expect(argsOf(existing)).to.include('--tls-secret-external');
    const secretRules = (findObject(existing, 'Role', WEBHOOK).rules as Rule[]).filter((r) => r.resources?.includes('secrets'));
    expect(secretRules).to.deep.equal([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['my-tls'], verbs: ['get'] }]);
    expect(await helmFailure(helm, ['template', RELEASE, CHART_DIR, '--set', 'webhook.enabled=true', '--set', 'webhook.existingSecret=x', '--set', 'webhook.certManager.enabled=true'])).to.match(/exclude each other/);
  });

  it('grants exactly what ork rbac --webhook --http-auth derives from a multi-version bundle, once its CRD rule is in webhook.rbac.extraRules; never create on webhook configurations', async () => {
    const dir = tempDir('chart-webhook-rbac');
    cpSync(join(repoRoot, 'test/fixtures/webhook'), dir, { recursive: true });
    const ork = (args: string[]) => runTool(process.execPath, [CLI, ...args], { cwd: dir });
    await ork(['keygen', '--out-private', join(dir, 'key.pem'), '--out-public', join(dir, 'pub.pem')]);
    await ork(['resolve', '-f', 'katalog.yaml', '--out', join(dir, 'bundle'), '--key', join(dir, 'key.pem')]);
    const { stdout } = await ork(['rbac', '--bundle', join(dir, 'bundle'), '--webhook', RELEASE, '--namespace', NAMESPACE, '--tls-secret', SECRET, '--rollout-bundle', '--http-auth']);
    const printed = parseAllDocuments(stdout).map((d) => d.toJS() as K8sObject);
    const needed = grantsOfRoles(printed).map((g) => g.grant);
    const crdRules = (printed.find((o) => o.kind === 'ClusterRole')!.rules as Rule[]).filter((r) => r.resources?.includes('customresourcedefinitions'));
    expect(crdRules).to.deep.equal([{ apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], resourceNames: ['gadgets.webhook.orkspace.test'], verbs: ['patch'] }]);
    const webhookRoles = (list: K8sObject[]) => grantsOfRoles(list.filter(isWebhookObject));
    // Without the per-bundle rule only the CRD patch is missing: the check can fail.
    expect(needed.filter((g) => !covered(g, webhookRoles(objects))).map(describeGrant)).to.deep.equal(['patch apiextensions.k8s.io/customresourcedefinitions gadgets.webhook.orkspace.test']);
    const values = join(dir, 'values.yaml');
    writeFileSync(values, stringify({ webhook: { enabled: true, rbac: { extraRules: crdRules } } }));
    const granted = webhookRoles(parseManifests(await renderChart(helm, ['-f', values])));
    expect(needed.filter((g) => !covered(g, granted)).map(describeGrant)).to.deep.equal([]);
    // And nothing beyond it: every grant of the chart's webhook roles is one ork rbac printed.
    expect(granted.map((g) => g.grant).filter((g) => !covered(g, grantsOfRoles(printed))).map(describeGrant)).to.deep.equal([]);
    expect(granted.filter((g) => g.grant.resource.endsWith('webhookconfigurations') && g.grant.verb === 'create')).to.deep.equal([]);
  });
});
