import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCommand } from '../../cli/dispatch.js';
import { generateSigningKeyPair } from '../../shared/bundle/keys.js';
import { resolveToBundle, type SignedBundleDir } from '../controller/e2e/world.js';
import { captureIO } from '../support/io.js';
import { tempDir } from '../support/tools.js';

const KATALOG = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: cli-rbac
spec:
  crds:
    shop:
      apiTypes: {group: shop.example.com, version: v1, kind: Shop, plural: shops}
      operatorBox:
        onReconcile:
          services:
            - spec:
                ports: [{port: 80}]
          custom:
            - apiVersion: policy/v1beta1
              kind: PodDisruptionBudget
              name: "{{ .metadata.name }}"
              spec: {minAvailable: 1}
`;

async function rbac(...args: string[]) {
  const io = captureIO();
  const code = await runCommand(['rbac', ...args], io);
  return { code, out: io.out, err: io.err };
}

const summary = (yaml: string) => parseAllDocuments(yaml).map((d) => {
  const o = d.toJS() as { kind: string; metadata: { name: string; namespace?: string }; rules?: { apiGroups: string[]; resources: string[]; verbs: string[] }[] };
  return { object: `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`, rules: o.rules?.map((r) => `${r.apiGroups[0] || 'core'}/${r.resources[0]}: ${r.verbs.join(',')}`) };
});

describe('cli ork rbac', function () {
  this.timeout(20_000);
  let bundle: SignedBundleDir;

  before(async () => {
    const dir = tempDir('cli-rbac');
    writeFileSync(join(dir, 'katalog.yaml'), KATALOG);
    bundle = await resolveToBundle({ komposer: join(dir, 'katalog.yaml'), cwd: dir });
  });

  it('prints the ClusterRole, guessing (and saying so) the plural of a kind the bundle does not name', async () => {
    const { code, out, err } = await rbac('--bundle', bundle.bundleDir);
    expect(code).to.equal(0);
    expect(err).to.equal("warning: guessed the resource of PodDisruptionBudget (policy/v1beta1) → poddisruptionbudgets; check it with 'kubectl api-resources'\n");
    expect(summary(out)).to.deep.equal([{
      object: 'ClusterRole /orkestra-cli-rbac',
      rules: [
        'core/events: create',
        'core/services: get,list,watch,create,patch,delete',
        'policy/poddisruptionbudgets: get,list,watch,create,patch,delete',
        'shop.example.com/shops: get,list,watch,patch',
        'shop.example.com/shops/finalizers: update',
        'shop.example.com/shops/status: patch',
      ],
    }]);
  });

  it('with --namespace, --service-account and --publish: a Role for the Lease and publication, and bindings', async () => {
    const { code, out } = await rbac('--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--name', 'ctl', '-n', 'ork', '--service-account', 'sa', '--publish');
    expect(code).to.equal(0);
    expect(summary(out).map((s) => s.object)).to.deep.equal(['ClusterRole /ctl', 'ClusterRoleBinding /ctl', 'Role ork/ctl', 'RoleBinding ork/ctl']);
    expect(summary(out)[2]!.rules).to.deep.equal(['core/pods: patch', 'apps/deployments: get,patch', 'apps/replicasets: get', 'coordination.k8s.io/leases: get,create,update']);
    const noLease = await rbac('--bundle', bundle.bundleDir, '-n', 'ork', '--no-leader-election');
    expect(summary(noLease.out).map((s) => s.object)).to.deep.equal(['ClusterRole /orkestra-cli-rbac']);
  });

  it('with --webhook: what ork webhook needs (its configurations by name, its Secret, its resolver), not the controller\'s', async () => {
    const { code, out } = await rbac('--bundle', bundle.bundleDir, '--webhook', 'rel', '-n', 'ork', '--tls-secret', 'rel-tls', '--rollout-bundle', '--service-account', 'wh');
    expect(code).to.equal(0);
    const objects = summary(out);
    expect(objects.map((s) => s.object)).to.deep.equal(['ClusterRole /orkestra-rel-webhook', 'ClusterRoleBinding /orkestra-rel-webhook', 'Role ork/orkestra-rel-webhook', 'RoleBinding ork/orkestra-rel-webhook']);
    expect(objects[0]!.rules).to.deep.equal(['admissionregistration.k8s.io/mutatingwebhookconfigurations: patch', 'admissionregistration.k8s.io/validatingwebhookconfigurations: patch']);
    expect(objects[2]!.rules).to.deep.equal(['core/configmaps: get,create', 'core/pods: get', 'core/secrets: create', 'core/secrets: get,update']);
    expect(out).to.contain('- orkestra-rel\n');
  });

  const refusals: [string, string[], number, RegExp][] = [
    ['no --bundle', [], 2, /--bundle is required/],
    ['--tls-secret without --webhook', ['--bundle', '.', '-n', 'x', '--tls-secret', 's'], 2, /go with --webhook/],
    ['--service-account without --namespace', ['--bundle', '.', '--service-account', 'x'], 2, /need --namespace/],
    ['a directory without a bundle', ['--bundle', '/nonexistent-ork-rbac'], 2, /FILE_UNREADABLE/],
  ];
  for (const [name, args, exit, message] of refusals) {
    it(`refuses ${name} (exit ${exit})`, async () => {
      const { code, out, err } = await rbac(...args);
      expect(out).to.equal('');
      expect(err).to.match(message);
      expect(code).to.equal(exit);
    });
  }

  it('refuses a bundle that fails verification against --key (exit 4)', async () => {
    const other = join(tempDir('cli-rbac-key'), 'other.pem');
    writeFileSync(other, generateSigningKeyPair().publicKeyPem);
    const { code, out, err } = await rbac('--bundle', bundle.bundleDir, '--key', other);
    expect(out).to.equal('');
    expect(err).to.match(/SIGNATURE_INVALID/);
    expect(code).to.equal(4);
  });

  it('--help', async () => {
    const { code, out } = await rbac('--help');
    expect(code).to.equal(0);
    expect(out).to.match(/^usage: ork rbac --bundle DIR/);
  });
});
