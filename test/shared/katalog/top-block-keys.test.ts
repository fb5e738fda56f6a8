// The lifecycle, policy and security blocks take only the keys of upstream's KatalogLifecycle,
// KatalogDeprecation, DeprecationTimeline, LifecycleCompat, KomposerAccept, KatalogPolicy and
// KatalogSecurity (read strictly there, as every Katalog key): a misspelt key such as `migrateTo`
// (upstream's deprecation guide writes it) or `deletionProtecton` is refused with the key it means,
// where it used to be kept and ignored — losing the migration target, or leaving a protection off.
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

const katalog = (top: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: loom
${top}
spec:
  crds:
    warp:
      apiTypes: {group: loom.example.org, version: v1, kind: Warp, plural: warps}
`;

const errorsOf = (top: string) =>
  parseKatalog(katalog(top), 'k.yaml')
    .issues.filter((i) => i.severity !== 'warning')
    .map((i) => `${i.line}: ${i.path}: ${i.message}`);

describe('shared/katalog lifecycle, policy and security keys', () => {
  it('accepts every upstream key', () => {
    expect(errorsOf(`lifecycle:
  maturity: beta
  deprecation: {message: use weft, migratedTo: weft:2.0.0, timeline: {from: "2026-01-01", to: "2027-01-01"}}
  compatibility: {kubernetes: ">=1.28", orkestra: ">=0.7.0"}
policy:
  lifecycle: {minMaturity: beta}
security:
  serviceName: orkestra
  gatewayEndpoint: http://gateway.example:8080
  deletionProtection: {enabled: true, failurePolicy: Fail, cleanupOnShutdown: false, strictMode: false, serviceName: orkestra}
  namespaceProtection: {enabled: true, failurePolicy: Fail, cleanupOnShutdown: false, restrictedNamespaces: [kube-system], allowedNamespaces: [dev], serviceName: orkestra}
  webhooks: {admission: {enabled: true}, failurePolicy: Fail, serviceName: orkestra, cleanupOnShutdown: false}
  conversion: {enabled: true, conversionWindow: 100}
  rbac: {enabled: true, cleanupOnShutdown: false}`)).to.deep.equal([]);
  });

  const typos: [string, string][] = [
    ['lifecycle:\n  deprecation: {message: m, migrateTo: weft:2.0.0}', '6: lifecycle.deprecation.migrateTo: unknown key (did you mean "migratedTo"?)'],
    ['lifecycle:\n  deprecation: {message: m, timeline: {form: "2026-01-01"}}', '6: lifecycle.deprecation.timeline.form: unknown key (did you mean "from"?)'],
    ['lifecycle:\n  compatibility: {kubernetess: ">=1.28"}', '6: lifecycle.compatibility.kubernetess: unknown key (did you mean "kubernetes"?)'],
    ['lifecycle:\n  maturty: beta', '6: lifecycle.maturty: unknown key (did you mean "maturity"?)'],
    ['policy:\n  lifecycle: {minMaturty: beta}', '6: policy.lifecycle.minMaturty: unknown key (did you mean "minMaturity"?)'],
    ['security:\n  deletionProtecton: {enabled: true}', '6: security.deletionProtecton: unknown key (did you mean "deletionProtection"?)'],
    ['security:\n  deletionProtection: {enabled: true, failurePolcy: Fail}', '6: security.deletionProtection.failurePolcy: unknown key (did you mean "failurePolicy"?)'],
    ['security:\n  namespaceProtection: {restrictedNamespace: [kube-system]}', '6: security.namespaceProtection.restrictedNamespace: unknown key (did you mean "restrictedNamespaces"?)'],
    ['security:\n  webhooks: {admision: {enabled: true}}', '6: security.webhooks.admision: unknown key (did you mean "admission"?)'],
  ];
  for (const [top, want] of typos) it(`refuses ${want.split(': ')[1]}`, () => expect(errorsOf(top)).to.deep.equal([want]));
});
