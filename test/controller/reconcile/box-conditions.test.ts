// operatorBox.when / operatorBox.or: the operator runs for a CR only while they hold; the
// message names the conditions, and a condition that cannot be evaluated counts as not holding.
import { expect } from 'chai';
import { boxConditionsUnmet } from '../../../controller/reconcile/box-conditions.js';
import type { Condition, CrdEntry } from '../../../shared/katalog/types.js';
import type { KubeObject } from '../../../shared/kube/index.js';

const cr = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'x.io/v1', kind: 'App', metadata: { name: 'a', namespace: 'ns' }, spec });
const box = (when?: Condition[], or?: Condition[]): CrdEntry => ({ operatorBox: { ...(when ? { when } : {}), ...(or ? { or } : {}) } });
const enabled = { field: 'spec.enabled', equals: 'true' } as Condition;
const prod = { field: '{{ .spec.env }}', equals: 'prod' } as Condition;
const staging = { field: '{{ .spec.env }}', equals: 'staging' } as Condition;

describe('controller/reconcile/box-conditions', () => {
  it('runs without conditions, and with empty lists', () => {
    expect(boxConditionsUnmet({}, cr({}))).to.equal(undefined);
    expect(boxConditionsUnmet(box([], []), cr({}))).to.equal(undefined);
  });

  it('needs every when and, when given, one or', () => {
    const entry = box([enabled], [prod, staging]);
    expect(boxConditionsUnmet(entry, cr({ enabled: 'true', env: 'staging' }))).to.equal(undefined);
    expect(boxConditionsUnmet(entry, cr({ enabled: 'true', env: 'dev' }))).to.equal(
      'not reconciled: the operatorBox conditions (when: spec.enabled equals "true"; or: {{ .spec.env }} equals "prod" or {{ .spec.env }} equals "staging") do not hold');
    expect(boxConditionsUnmet(entry, cr({ enabled: 'false', env: 'prod' }))).to.match(/do not hold$/);
    expect(boxConditionsUnmet(box(undefined, [prod]), cr({ env: 'prod' }))).to.equal(undefined);
  });

  it('a condition that cannot be evaluated does not hold, and says why', () => {
    const broken = { field: '{{ .spec.env | nosuchfunction }}', equals: 'x' } as Condition;
    expect(boxConditionsUnmet(box([broken]), cr({ env: 'prod' }))).to.match(/^not reconciled: the operatorBox conditions \(when: .*\) cannot be evaluated: /);
  });
});
