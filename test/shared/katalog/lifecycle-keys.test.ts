// The lifecycle and policy blocks take only the keys of upstream's KatalogLifecycle, KatalogDeprecation,
// DeprecationTimeline, LifecycleCompat, KomposerAccept and KatalogPolicy (read strictly there, as every
// Katalog key): a misspelt key such as `migrateTo` (upstream's deprecation guide writes it) is refused
// with the key it means, where it used to be kept and ignored, losing the migration target.
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

describe('shared/katalog lifecycle and policy keys', () => {
  it('accepts every upstream key', () => {
    expect(errorsOf(`lifecycle:
  maturity: beta
  deprecation: {message: use weft, migratedTo: weft:2.0.0, timeline: {from: "2026-01-01", to: "2027-01-01"}}
  compatibility: {kubernetes: ">=1.28", orkestra: ">=0.7.0"}
policy:
  lifecycle: {minMaturity: beta}`)).to.deep.equal([]);
  });

  const typos: [string, string][] = [
    ['lifecycle:\n  deprecation: {message: m, migrateTo: weft:2.0.0}', '6: lifecycle.deprecation.migrateTo: unknown key (did you mean "migratedTo"?)'],
    ['lifecycle:\n  deprecation: {message: m, timeline: {form: "2026-01-01"}}', '6: lifecycle.deprecation.timeline.form: unknown key (did you mean "from"?)'],
    ['lifecycle:\n  compatibility: {kubernetess: ">=1.28"}', '6: lifecycle.compatibility.kubernetess: unknown key (did you mean "kubernetes"?)'],
    ['lifecycle:\n  maturty: beta', '6: lifecycle.maturty: unknown key (did you mean "maturity"?)'],
    ['policy:\n  lifecycle: {minMaturty: beta}', '6: policy.lifecycle.minMaturty: unknown key (did you mean "minMaturity"?)'],
  ];
  for (const [top, want] of typos) it(`refuses ${want.split(': ')[1]}`, () => expect(errorsOf(top)).to.deep.equal([want]));
});
