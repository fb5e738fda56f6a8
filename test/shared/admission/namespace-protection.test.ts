// Namespace protection in the webhook's pure core: security.namespaceProtection (on when declared,
// unless enabled: false) gives a CREATE/UPDATE webhook on /namespace-protection for the namespaced
// CRDs with namespace rules (their own lists plus the Katalog-wide ones); its answer refuses a CR in
// a forbidden namespace, saying which list, and lets everything else through.
import { expect } from 'chai';
import { answerAdmission, registrationFor } from '../../../shared/admission/index.js';
import { namespaceProtectionOf } from '../../../shared/admission/namespace-protection.js';
import type { KatalogDocument } from '../../../shared/katalog/types.js';
import { admissionReview, targetsWith, widgetEntry } from './fixtures.js';

const PEM = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
const guarded = (np: Record<string, unknown>) => ({ security: { namespaceProtection: np } });
type Response = { allowed: boolean; status?: { code: number; message: string } };
const answerIn = (t: ReturnType<typeof targetsWith>, namespace: string, operation = 'CREATE') =>
  answerAdmission(t, admissionReview({ metadata: { name: 'w1' }, spec: {} }, { operation, namespace }), 'namespaces').review.response as Response;
const hookOf = (t: ReturnType<typeof targetsWith>) => (registrationFor(t, { name: 'shop', endpoint: { url: 'https://h:1' }, caBundlePem: PEM, failurePolicy: 'Ignore' }).validating.webhooks as Array<Record<string, any>>)
  .find((w) => w.name === 'namespace-protect.shop.orkestra.orkspace.io');

describe('shared/admission namespace protection', () => {
  it('reads security.namespaceProtection: on when declared unless enabled: false; failurePolicy Fail unless Ignore', () => {
    const k = (extra: Record<string, unknown>) => ({ spec: { crds: {} }, ...extra }) as unknown as KatalogDocument;
    expect(namespaceProtectionOf(k({}))).to.equal(undefined);
    expect(namespaceProtectionOf(k(guarded({ enabled: false })))).to.equal(undefined);
    expect(namespaceProtectionOf(k(guarded({})))).to.deep.equal({ failurePolicy: 'Fail', allowedNamespaces: [], restrictedNamespaces: [] });
    expect(namespaceProtectionOf(k(guarded({ failurePolicy: 'Ignore', restrictedNamespaces: ['kube-*', 7] })))).to.deep.equal({ failurePolicy: 'Ignore', allowedNamespaces: [], restrictedNamespaces: ['kube-*'] });
  });

  it('registers CREATE/UPDATE on its own path for the CRDs with rules only, with the Katalog\'s failurePolicy', () => {
    expect(hookOf(targetsWith(widgetEntry({ restrictedNamespaces: ['kube-*'] })))).to.equal(undefined);
    expect(hookOf(targetsWith(widgetEntry(), undefined, guarded({ enabled: true })))).to.equal(undefined);
    const hook = hookOf(targetsWith(widgetEntry({ restrictedNamespaces: ['kube-*'] }), undefined, guarded({ failurePolicy: 'Ignore' })))!;
    expect(hook.clientConfig.url).to.equal('https://h:1/namespace-protection');
    expect(hook.failurePolicy).to.equal('Ignore');
    expect(hook.rules).to.deep.equal([{ operations: ['CREATE', 'UPDATE'], apiGroups: ['test.orkspace.io'], apiVersions: ['v1'], resources: ['widgets'], scope: 'Namespaced' }]);
    // Katalog-wide lists give every namespaced CRD rules.
    expect(hookOf(targetsWith(widgetEntry(), undefined, guarded({ allowedNamespaces: ['team-*'] })))!.failurePolicy).to.equal('Fail');
    const cluster = widgetEntry({ restrictedNamespaces: ['kube-*'] });
    cluster.apiTypes = { ...cluster.apiTypes!, scope: 'Cluster' };
    expect(hookOf(targetsWith(cluster, undefined, guarded({})))).to.equal(undefined);
  });

  it('refuses a CR in a forbidden namespace naming the list; the CRD\'s and the Katalog\'s lists add up', () => {
    const t = targetsWith(widgetEntry({ restrictedNamespaces: ['kube-*'] }), undefined, guarded({ restrictedNamespaces: ['legacy'] }));
    const refused = answerIn(t, 'kube-system');
    expect(refused.allowed).to.equal(false);
    expect(refused.status).to.deep.include({ code: 403, message: 'CRs of CRD widget may not be created or changed in this namespace: namespace kube-system is restricted (restrictedNamespaces: kube-*) (security.namespaceProtection in the Katalog); create it in an allowed namespace, or change spec.crds.widget.allowedNamespaces / restrictedNamespaces (or security.namespaceProtection\'s) and redeploy' });
    expect(answerIn(t, 'legacy', 'UPDATE').allowed).to.equal(false);
    expect(answerIn(t, 'team-a').allowed).to.equal(true);
    expect(answerIn(t, 'kube-system', 'DELETE').allowed, 'only CREATE and UPDATE are judged').to.equal(true);
    const allowList = targetsWith(widgetEntry({ allowedNamespaces: ['team-*'] }), undefined, guarded({}));
    expect(answerIn(allowList, 'default').status?.message).to.contain('namespace default is not in allowedNamespaces (team-*)');
    expect(answerIn(targetsWith(widgetEntry({ restrictedNamespaces: ['kube-*'] })), 'kube-system').allowed, 'protection off').to.equal(true);
  });
});
