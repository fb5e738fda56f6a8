import { expect } from 'chai';
import { answerAdmission, diffPatch } from '../../../shared/admission/index.js';
import { OrkError } from '../../../shared/errors.js';
import { renderDesired } from '../../../shared/render/index.js';
import { admissionReview, targetsWith, widget, widgetEntry } from './fixtures.js';

type Response = { uid: string; allowed: boolean; status?: { message: string; code: number }; warnings?: string[]; patchType?: string; patch?: string };
const responseOf = (review: Record<string, unknown>) => review.response as Response;

describe('shared/admission answerAdmission', () => {
  const targets = targetsWith(widgetEntry());

  it('refuses an object breaking a deny rule with the rule message, and keeps warn rules as warnings', () => {
    const { review, outcome } = answerAdmission(targets, admissionReview(widget({ replicas: 9, image: 'docker.io/x' })), 'validate');
    const r = responseOf(review);
    expect(review).to.include({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' });
    expect(r.uid).to.equal('uid-1');
    expect(r.allowed).to.equal(false);
    expect(r.status?.code).to.equal(403);
    expect(r.status?.message).to.equal('spec.replicas: replicas must be at most 5 (CR team-a/w1)');
    expect(r.warnings).to.deep.equal(['spec.image: images come from registry.example (CR team-a/w1)']);
    expect(outcome).to.deep.include({ crd: 'widget', allowed: false, warnings: 1, operation: 'CREATE' });
    expect(outcome.failedRules).to.deep.equal([
      { rule: 'validation.rules[0]', field: 'spec.replicas', action: 'deny' },
      { rule: 'validation.rules[1]', field: 'spec.image', action: 'warn' },
    ]);
  });

  it('runs admission-only rules (fires.reconcile: false), which reconcile skips', () => {
    const entry = widgetEntry({
      validation: { rules: [{ field: 'spec.owner', exists: true, message: 'set spec.owner at apply time', fires: { reconcile: false } }] },
      mutation: { rules: [{ field: 'spec.createdBy', default: 'webhook', fires: { reconcile: false } }] },
    });
    const only = targetsWith(entry);
    const denied = answerAdmission(only, admissionReview(widget({})), 'validate');
    expect(responseOf(denied.review).status?.message).to.equal('spec.owner: set spec.owner at apply time (CR team-a/w1)');
    expect(denied.outcome.failedRules).to.deep.equal([{ rule: 'validation.rules[0]', field: 'spec.owner', action: 'deny' }]);
    const patch = responseOf(answerAdmission(only, admissionReview(widget({ owner: 'me' })), 'mutate').review).patch!;
    expect(JSON.parse(Buffer.from(patch, 'base64').toString())).to.deep.equal([{ op: 'add', path: '/spec/createdBy', value: 'webhook' }]);
    // Reconcile skips both: the same CR renders without a denial.
    expect(renderDesired({ entry, cr: widget({}), crdName: 'widget', katalogName: 'shop' }).warnings).to.deep.equal([]);
  });

  it('allows a good object, with a warning only when a warn rule fails', () => {
    expect(responseOf(answerAdmission(targets, admissionReview(widget({ replicas: 2, image: 'registry.example/a' })), 'validate').review)).to.deep.equal({ uid: 'uid-1', allowed: true });
    const warned = responseOf(answerAdmission(targets, admissionReview(widget({ replicas: 2, image: 'quay.io/a' })), 'validate').review);
    expect(warned.allowed).to.equal(true);
    expect(warned.warnings).to.have.length(1);
  });

  it('answers the mutation defaults as a base64 JSONPatch that only adds what was absent', () => {
    const r = responseOf(answerAdmission(targets, admissionReview(widget({ replicas: 1 })), 'mutate').review);
    expect(r.allowed).to.equal(true);
    expect(r.patchType).to.equal('JSONPatch');
    expect(JSON.parse(Buffer.from(r.patch!, 'base64').toString())).to.deep.equal([{ op: 'add', path: '/spec/tier', value: 'standard' }]);
    const unchanged = responseOf(answerAdmission(targets, admissionReview(widget({ tier: 'gold' })), 'mutate').review);
    expect(unchanged).to.deep.equal({ uid: 'uid-1', allowed: true });
  });

  it('does not invent metadata.name for an object created with generateName', () => {
    const object = { ...widget({}), metadata: { generateName: 'w-', namespace: 'team-a' } };
    const r = responseOf(answerAdmission(targets, admissionReview(object, { name: '' }), 'mutate').review);
    expect(JSON.parse(Buffer.from(r.patch!, 'base64').toString())).to.deep.equal([{ op: 'add', path: '/spec/tier', value: 'standard' }]);
  });

  it('allows what is not its own (another resource, a DELETE without object)', () => {
    const other = admissionReview(widget({ replicas: 9 }), { resource: { group: 'other.io', version: 'v1', resource: 'widgets' } });
    expect(responseOf(answerAdmission(targets, other, 'validate').review).allowed).to.equal(true);
    expect(responseOf(answerAdmission(targets, admissionReview(null, { operation: 'DELETE' }), 'validate').review).allowed).to.equal(true);
  });

  it('refuses, naming the rule, when a rule cannot be evaluated (as reconcile would)', () => {
    const broken = targetsWith(widgetEntry({ validation: { rules: [{ field: 'spec.name', regex: '(', message: 'bad' }] } }));
    const r = responseOf(answerAdmission(broken, admissionReview(widget({ name: 'x' })), 'validate').review);
    expect(r.allowed).to.equal(false);
    expect(r.status?.message).to.match(/^the Katalog's rules for CRD widget could not be evaluated: validation\.rules\[0\]/);
  });

  it('rejects a body that is not an AdmissionReview v1 request', () => {
    for (const body of [null, {}, { apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request: {} }, { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: '' } }]) {
      expect(() => answerAdmission(targets, body, 'validate'), JSON.stringify(body)).to.throw(OrkError).with.property('code', 'WEBHOOK_REQUEST_INVALID');
    }
  });
});

describe('shared/admission diffPatch', () => {
  it('adds, replaces and removes with escaped pointers; arrays are replaced whole', () => {
    const before = { a: 1, 'b/c': { 'x~y': 1 }, list: [1, 2], gone: true };
    const after = { a: 2, 'b/c': { 'x~y': 1, n: null }, list: [1, 3] };
    expect(diffPatch(before, after)).to.deep.equal([
      { op: 'remove', path: '/gone' },
      { op: 'replace', path: '/a', value: 2 },
      { op: 'add', path: '/b~1c/n', value: null },
      { op: 'replace', path: '/list', value: [1, 3] },
    ]);
    expect(diffPatch({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).to.deep.equal([]);
  });
});
