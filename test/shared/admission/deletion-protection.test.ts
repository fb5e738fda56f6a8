// Deletion protection in the webhook's pure core: with security.deletionProtection.enabled a
// DELETE of a CR of a protected CRD is refused with a message saying how to lift it, and the
// registration gains a DELETE-only webhook with the Katalog's failurePolicy; without it, or with
// the entry's protectCRs: false, DELETE is neither asked for nor refused.
import { expect } from 'chai';
import { answerAdmission, registrationFor } from '../../../shared/admission/index.js';
import { deletionProtectionOf, protectsCrs } from '../../../shared/admission/deletion-protection.js';
import type { KatalogDocument } from '../../../shared/katalog/types.js';
import { admissionReview, GROUP, targetsWith, widgetCrd, widgetEntry } from './fixtures.js';

const PEM = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
const crds = [widgetCrd([{ name: 'v1', props: {}, storage: true }])];
const protect = (dp: Record<string, unknown>) => ({ security: { deletionProtection: dp } });
const del = admissionReview(null, { operation: 'DELETE', oldObject: { metadata: { name: 'w1' } } });
type Response = { allowed: boolean; status?: { code: number; message: string } };
const responseOf = (t: ReturnType<typeof targetsWith>) => answerAdmission(t, del, 'validate').review.response as Response;
const webhooksOf = (t: ReturnType<typeof targetsWith>) => registrationFor(t, { name: 'shop', endpoint: { url: 'https://h:1' }, caBundlePem: PEM, failurePolicy: 'Ignore' }).validating.webhooks as Array<Record<string, unknown>>;

describe('shared/admission deletion protection', () => {
  it('reads security.deletionProtection: enabled only when true; failurePolicy Fail unless Ignore', () => {
    const k = (extra: Record<string, unknown>) => ({ spec: { crds: {} }, ...extra }) as unknown as KatalogDocument;
    expect(deletionProtectionOf(k({}))).to.equal(undefined);
    expect(deletionProtectionOf(k(protect({ enabled: false })))).to.equal(undefined);
    expect(deletionProtectionOf(k(protect({ enabled: true })))).to.deep.equal({ failurePolicy: 'Fail' });
    expect(deletionProtectionOf(k(protect({ enabled: true, failurePolicy: 'ignore' })))).to.deep.equal({ failurePolicy: 'Ignore' });
    expect(protectsCrs({})).to.equal(true);
    expect(protectsCrs({ deletionProtection: { protectCRs: false } })).to.equal(false);
    expect(protectsCrs({ deletionProtection: { enabled: false } })).to.equal(false);
  });

  it('refuses a DELETE of a protected CR, saying how to lift it; allows it without protection', () => {
    const refused = responseOf(targetsWith(widgetEntry(), crds, protect({ enabled: true })));
    expect(refused.allowed).to.equal(false);
    expect(refused.status).to.deep.include({ code: 403, message: 'CR team-a/w1 of CRD widget is protected from deletion (security.deletionProtection in the Katalog); to delete it, set spec.crds.widget.deletionProtection.protectCRs: false (or security.deletionProtection.enabled: false), redeploy, then delete' });
    expect(responseOf(targetsWith(widgetEntry()))).to.deep.include({ allowed: true });
    expect(responseOf(targetsWith(widgetEntry({ deletionProtection: { protectCRs: false } }), crds, protect({ enabled: true })))).to.deep.include({ allowed: true });
  });

  it('registers DELETE only when the bundle asks, in a webhook of its own with the Katalog\'s failurePolicy', () => {
    expect(webhooksOf(targetsWith(widgetEntry())).map((w) => w.name)).to.deep.equal(['validate.shop.orkestra.orkspace.io']);
    const hooks = webhooksOf(targetsWith(widgetEntry(), crds, protect({ enabled: true })));
    expect(hooks.map((w) => w.name)).to.deep.equal(['validate.shop.orkestra.orkspace.io', 'protect.shop.orkestra.orkspace.io', 'protect-labelled.shop.orkestra.orkspace.io']);
    expect(hooks[0]!.rules).to.deep.equal([{ operations: ['CREATE', 'UPDATE'], apiGroups: [GROUP], apiVersions: ['v1'], resources: ['widgets'], scope: 'Namespaced' }]);
    expect(hooks[1]).to.deep.include({ failurePolicy: 'Fail', clientConfig: { url: 'https://h:1/validate', caBundle: Buffer.from(PEM).toString('base64') } });
    expect(hooks[1]!.rules).to.deep.equal([
      { operations: ['DELETE'], apiGroups: [GROUP], apiVersions: ['v1'], resources: ['widgets'], scope: 'Namespaced' },
      { operations: ['DELETE'], apiGroups: ['apiextensions.k8s.io'], apiVersions: ['v1'], resources: ['customresourcedefinitions'], scope: 'Cluster' },
    ]);
    const crsOnly = webhooksOf(targetsWith(widgetEntry({ deletionProtection: { protectCRD: false } }), crds, protect({ enabled: true })));
    expect(crsOnly[1]!.rules).to.have.length(1);
    const optedOut = webhooksOf(targetsWith(widgetEntry({ deletionProtection: { protectCRs: false, protectCRD: false } }), crds, protect({ enabled: true })));
    expect(optedOut.map((w) => w.name), 'the install\'s labelled objects stay protected').to.deep.equal(['validate.shop.orkestra.orkspace.io', 'protect-labelled.shop.orkestra.orkspace.io']);
  });

  it('refuses the DELETE of any object labelled orkestra.io/deletion-protection: "true" (upstream\'s own-install protection), only while protection is on', () => {
    const labelled = webhooksOf(targetsWith(widgetEntry(), crds, protect({ enabled: true, failurePolicy: 'Ignore' })))[2]!;
    expect(labelled).to.deep.include({ name: 'protect-labelled.shop.orkestra.orkspace.io', failurePolicy: 'Ignore', objectSelector: { matchLabels: { 'orkestra.io/deletion-protection': 'true' } } });
    expect((labelled.rules as Array<{ resources: string[] }>)[0]!.resources).to.include.members(['deployments', 'services', 'serviceaccounts', 'secrets', 'clusterrolebindings']);
    expect((labelled.rules as Array<{ resources: string[] }>)[0]!.resources, 'never what a rollout deletes').not.to.include.members(['pods', 'replicasets']);
    const deleteOf = (labels: Record<string, string>) => admissionReview(null, {
      operation: 'DELETE', resource: { group: 'apps', version: 'v1', resource: 'deployments' }, kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      name: 'orkestra', namespace: 'orkestra-system', oldObject: { metadata: { name: 'orkestra', labels } },
    });
    const answer = (t: ReturnType<typeof targetsWith>, labels: Record<string, string>) => answerAdmission(t, deleteOf(labels), 'validate').review.response as Response;
    const on = targetsWith(widgetEntry(), crds, protect({ enabled: true }));
    expect(answer(on, { 'orkestra.io/deletion-protection': 'true' }).status?.message).to.equal('Deployment orkestra-system/orkestra is protected from deletion (label orkestra.io/deletion-protection: "true", security.deletionProtection in the Katalog); to delete it, remove the label, or set security.deletionProtection.enabled: false and redeploy, then delete');
    expect(answer(on, { 'orkestra.io/deletion-protection': 'false' }).allowed).to.equal(true);
    expect(answer(targetsWith(widgetEntry()), { 'orkestra.io/deletion-protection': 'true' }).allowed, 'protection off').to.equal(true);
  });

  it('refuses a DELETE of the bundle\'s CRD object (protectCRD, default true) and lets another CRD go', () => {
    const crdDelete = (name: string) => admissionReview(null, { operation: 'DELETE', resource: { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' }, name, namespace: undefined });
    const targets = targetsWith(widgetEntry(), crds, protect({ enabled: true }));
    const refused = answerAdmission(targets, crdDelete(`widgets.${GROUP}`), 'validate').review.response as Response;
    expect(refused.allowed).to.equal(false);
    expect(refused.status!.message).to.equal(`CRD widgets.${GROUP} (spec.crds.widget) is protected from deletion (security.deletionProtection in the Katalog); to delete it, set spec.crds.widget.deletionProtection.protectCRD: false (or security.deletionProtection.enabled: false), redeploy, then delete`);
    expect((answerAdmission(targets, crdDelete('gizmos.other.io'), 'validate').review.response as Response).allowed).to.equal(true);
    const off = targetsWith(widgetEntry({ deletionProtection: { protectCRD: false } }), crds, protect({ enabled: true }));
    expect((answerAdmission(off, crdDelete(`widgets.${GROUP}`), 'validate').review.response as Response).allowed).to.equal(true);
  });
});
