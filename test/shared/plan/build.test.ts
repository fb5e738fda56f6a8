import AjvModule from 'ajv';
import { expect } from 'chai';
import { buildPlan, hasChanges, type PlanSummary } from '../../../shared/plan/index.js';
import planSchema from '../../../shared/plan/plan.schema.json' with { type: 'json' };
import { quietInputs, sampleInputs } from './sample.js';

const Ajv = AjvModule.default;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(planSchema);

describe('shared/plan buildPlan', () => {
  it('marks each CRD new, changed or unchanged, and each breaking change acknowledged or not', () => {
    const plan = buildPlan(sampleInputs());
    expect(plan.crds.map((c) => [c.name, c.status])).to.deep.equal([['websites.ex.io', 'changed'], ['shops.ex.io', 'new'], ['carts.ex.io', 'unchanged']]);
    expect(plan.crds[0]!.changes.map((c) => [c.id, c.acknowledged])).to.deep.equal([
      ['v1:spec.port:maximum-lowered', true],
      ['v1:spec.replicas:minimum-raised', false],
      ['v1:spec.theme:property-added', false],
    ]);
    expect(plan.crds[0]!.unusedAcknowledgements).to.deep.equal(['v1::version-removed']);
    expect(plan.crdsNotInBundle).to.deep.equal(['olds.ex.io', 'zebras.ex.io']);
  });

  it('turns missing permissions into rules (merged per resource and namespace) with bindings for the service account', () => {
    const plan = buildPlan(sampleInputs());
    expect(plan.rbac.checked).to.equal(3);
    expect(plan.rbac.unresolvedKinds).to.deep.equal(['PodDisruptionBudget (policy/v1beta1)']);
    expect(plan.rbac.missingRules.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`)).to.deep.equal([
      'ClusterRole /orkestra-shop', 'ClusterRoleBinding /orkestra-shop', 'Role ops/orkestra-shop', 'RoleBinding ops/orkestra-shop',
    ]);
    expect(plan.rbac.missingRules[0]!.rules).to.deep.equal([{ apiGroups: [''], resources: ['secrets'], verbs: ['delete'] }]);
    expect(plan.rbac.missingRules[2]!.rules).to.deep.equal([{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['update'] }]);
  });

  it('counts children per action and CRs per outcome, including those --max-crs left out', () => {
    const s = buildPlan(sampleInputs()).summary;
    expect(s).to.deep.equal({
      crds: { new: 1, changed: 1, unchanged: 1, breaking: 2, unacknowledged: 1 },
      rbac: { checked: 3, missing: 2 },
      children: { create: 2, update: 2, prune: 1, unchanged: 1, conflict: 1 },
      crs: { planned: 1, failed: 1, skipped: 1, notListed: 5 },
      webhooks: { configurationsChanged: 2, conversionsChanged: 1 },
    });
  });

  it('produces JSON that plan.schema.json accepts, for a busy plan and a quiet one', () => {
    for (const plan of [buildPlan(sampleInputs()), buildPlan(quietInputs())]) {
      const json = JSON.parse(JSON.stringify(plan));
      expect(validate(json), JSON.stringify(validate.errors)).to.equal(true);
      expect(json.apiVersion).to.equal('orkestra.orkspace.io/plan/v1');
    }
  });

  it('the schema refuses a Secret change that carries a value, and an unknown action', () => {
    const plan = JSON.parse(JSON.stringify(buildPlan(sampleInputs())));
    plan.resources[0].crs[0].children[2].diff[0].new = 'c2VjcmV0';
    expect(validate(plan)).to.equal(false);
    const other = JSON.parse(JSON.stringify(buildPlan(sampleInputs())));
    other.resources[0].crs[0].children[0].action = 'replace';
    expect(validate(other)).to.equal(false);
  });
});

describe('shared/plan hasChanges', () => {
  const zero: PlanSummary = {
    crds: { new: 0, changed: 0, unchanged: 3, breaking: 0, unacknowledged: 0 },
    rbac: { checked: 10, missing: 0 },
    children: { create: 0, update: 0, prune: 0, unchanged: 7, conflict: 0 },
    crs: { planned: 2, failed: 0, skipped: 1, notListed: 4 },
    webhooks: { configurationsChanged: 0, conversionsChanged: 0 },
  };
  const cases: { name: string; patch: (s: PlanSummary) => void; want: boolean }[] = [
    { name: 'nothing but unchanged, skipped and unlisted', patch: () => undefined, want: false },
    { name: 'a new CRD', patch: (s) => { s.crds.new = 1; }, want: true },
    { name: 'a webhook configuration to write', patch: (s) => { s.webhooks.configurationsChanged = 1; }, want: true },
    { name: 'a CRD conversion to set', patch: (s) => { s.webhooks.conversionsChanged = 1; }, want: true },
    { name: 'a changed CRD', patch: (s) => { s.crds.changed = 1; }, want: true },
    { name: 'a missing permission', patch: (s) => { s.rbac.missing = 1; }, want: true },
    { name: 'a child to create', patch: (s) => { s.children.create = 1; }, want: true },
    { name: 'a child to update', patch: (s) => { s.children.update = 1; }, want: true },
    { name: 'a child to prune', patch: (s) => { s.children.prune = 1; }, want: true },
    { name: 'a child in conflict', patch: (s) => { s.children.conflict = 1; }, want: true },
    { name: 'a CR failing to render', patch: (s) => { s.crs.failed = 1; }, want: true },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.want}`, () => {
      const s = structuredClone(zero);
      c.patch(s);
      expect(hasChanges(s)).to.equal(c.want);
    });
  }

  it('the quiet sample has no changes, the busy one has', () => {
    expect(buildPlan(quietInputs()).changes).to.equal(false);
    expect(buildPlan(sampleInputs()).changes).to.equal(true);
  });
});
