// A gate calling a declared sentinel as a template function (upstream's form) loads as the
// `.sentinels.<name>` field the runtime's gate data carries; an undeclared one is refused with one
// line naming it (not "function not defined"); templates outside preReconcile are untouched.
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';
import { rewriteSentinelCalls } from '../../../shared/katalog/sentinel-calls.js';

const katalog = (gate: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: sieve
spec:
  crds:
    sieve:
      apiTypes: {group: kitchen.example.org, version: v1, kind: Sieve, plural: sieves}
      operatorBox:
        preReconcile:
          sentinels: [generationChanged, annotationsChanged]
${gate}`;

describe('shared/katalog sentinel calls in gates', () => {
  it('reads a declared sentinel call as .sentinels.<name>, in enqueueGate and reconcileGate', () => {
    const text = katalog('          enqueueGate:\n            when: [{field: "{{ annotationsChanged }}", equals: "true"}]\n          reconcileGate:\n            or: [{field: "{{ if generationChanged }}yes{{ end }}", equals: "yes"}]\n');
    const parsed = parseKatalog(text, 'k.yaml');
    expect(parsed.issues.filter((i) => i.severity !== 'warning')).to.deep.equal([]);
    const pre = parsed.document!.spec.crds.sieve!.operatorBox!.preReconcile as { enqueueGate?: { when?: Array<{ field: string }> }; reconcileGate?: { or?: Array<{ field: string }> } };
    expect(pre.enqueueGate?.when?.[0]?.field).to.equal('{{ .sentinels.annotationsChanged }}');
    expect(pre.reconcileGate?.or?.[0]?.field).to.equal('{{ if .sentinels.generationChanged }}yes{{ end }}');
  });

  it('refuses a sentinel the block does not declare, with one line naming it', () => {
    const text = katalog('          enqueueGate:\n            when: [{field: "{{ labelsChanged }}", equals: "true"}]\n');
    const errors = parseKatalog(text, 'k.yaml').issues.filter((i) => i.severity !== 'warning');
    expect(errors.map((i) => `${i.line}: ${i.path}: ${i.message}`)).to.deep.equal([
      '13: spec.crds.sieve.operatorBox.preReconcile.enqueueGate.when[0].field: labelsChanged is a sentinel this preReconcile does not declare; add it to preReconcile.sentinels',
    ]);
  });

  it('leaves fields, variables and other text alone', () => {
    const pre = { sentinels: ['nameChanged'], reconcileGate: { when: [{ field: '{{ .spec.nameChanged }} {{ $nameChanged }} nameChanged', equals: 'x' }] } };
    const { value, problems } = rewriteSentinelCalls(pre, []);
    expect(problems).to.deep.equal([]);
    expect((value.reconcileGate as { when: Array<{ field: string }> }).when[0]!.field).to.equal('{{ .spec.nameChanged }} {{ $nameChanged }} nameChanged');
  });
});
