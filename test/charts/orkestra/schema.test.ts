// values.schema.json: helm refuses wrong types, values outside an enum, malformed digests,
// environment-variable names and durations, and unknown keys — naming the field (Helm 3 writes
// `a.b`, Helm 4 `/a/b`). The accepting side is lint.test.ts (default and full values pass).
import { expect } from 'chai';
import { getHelm, type HelmMajor } from '../../support/tools.js';
import { CHART_DIR, helmFailure } from './render.js';

const CASES: { title: string; set: string; field: string[]; reason: RegExp; helm4Field?: string[] }[] = [
  { title: 'a string replica count', set: 'replicaCount=two', field: ['replicaCount'], reason: /integer/ },
  { title: 'zero replicas', set: 'replicaCount=0', field: ['replicaCount'], reason: /1/ },
  { title: 'an unknown log level', set: 'controller.logLevel=loud', field: ['controller', 'logLevel'], reason: /one of/ },
  { title: 'an unknown pull policy', set: 'image.pullPolicy=Sometimes', field: ['image', 'pullPolicy'], reason: /one of/ },
  { title: 'a digest that is not sha256:<64 hex>', set: 'bundle.expectedDigest=abc', field: ['bundle', 'expectedDigest'], reason: /pattern/ },
  { title: 'a maximum bundle age that is not a Go duration (days are not one)', set: 'bundle.maxAge=30d', field: ['bundle', 'maxAge'], reason: /pattern/ },
  { title: 'an image digest without its algorithm', set: `image.digest=${'a'.repeat(64)}`, field: ['image', 'digest'], reason: /pattern/ },
  { title: 'a credentials env that is no variable name', set: 'credentials[0].env=1BAD,credentials[0].secretName=s,credentials[0].secretKey=k', field: ['credentials', '0', 'env'], reason: /pattern/ },
  { title: 'a credentials entry without its Secret key', set: 'credentials[0].env=TOKEN,credentials[0].secretName=s', field: ['credentials', '0'], reason: /secretKey/ },
  { title: 'a malformed duration', set: 'controller.leaderElection.leaseDuration=15sec', field: ['controller', 'leaderElection', 'leaseDuration'], reason: /pattern/ },
  { title: 'a boolean given as a word', set: 'rbac.create=maybe', field: ['rbac', 'create'], reason: /boolean/ },
  // Helm 4 reports a bad property name at the object holding it, naming the key.
  { title: 'a katalogs file named komposer.yaml', set: 'katalogs.komposer\\.yaml.kind=Katalog', field: ['katalogs'], reason: /komposer\.yaml/, helm4Field: [] },
  { title: 'an unknown top-level key', set: 'replicas=2', field: [], reason: /replicas/ },
  { title: 'an unknown nested key', set: 'controller.leaderElection.leaseSeconds=15', field: ['controller', 'leaderElection'], reason: /leaseSeconds/ },
];

/** The field as Helm 3 (`a.b.c`) or Helm 4 (`'/a/b/c'`) prints it. */
function fieldPattern(field: string[], major: HelmMajor): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (major === 3) return new RegExp(`- ${field.length ? escape(field.join('.')) : '\\(root\\)'}:`);
  return new RegExp(`at '${escape(field.map((f) => `/${f}`).join(''))}'`);
}

for (const major of [3, 4] as HelmMajor[]) {
  describe(`charts/orkestra: values.schema.json (helm ${major})`, function () {
    this.timeout(300_000);

    for (const c of CASES) {
      it(`refuses ${c.title}, naming the field`, async function () {
        const helm = await getHelm({ major });
        const message = await helmFailure(helm, ['template', 'orkestra', CHART_DIR, '--set', c.set]);
        expect(message).to.include("values don't meet the specifications of the schema");
        expect(message).to.match(fieldPattern(major === 4 && c.helm4Field ? c.helm4Field : c.field, major));
        expect(message).to.match(c.reason);
      });
    }
  });
}
