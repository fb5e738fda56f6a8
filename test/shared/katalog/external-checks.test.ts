// `ork validate` refuses an external call whose protocol the controller would refuse at start: one
// line at the call's protocol, in every list (phase blocks of both layouts, preReconcile and its
// gates); http, prometheus and no protocol load.
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

const katalog = (box: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: shop}
spec:
  crds:
    store:
      apiTypes: {group: shop.example.org, version: v1, kind: Store, plural: stores}
      operatorBox:
${box}`;

const errorsOf = (text: string) => parseKatalog(text, 'k.yaml').issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);

describe('shared/katalog external call protocols', () => {
  it('loads http, prometheus and calls that name no protocol', () => {
    const box = '        onReconcile:\n          external:\n            - {name: a, url: "https://a.example.org/x"}\n            - {name: b, url: "https://a.example.org/y", protocol: http}\n            - {name: c, url: "https://prom.example.org", protocol: prometheus}\n';
    expect(errorsOf(katalog(box))).to.deep.equal([]);
  });

  const refused: [string, string, string][] = [
    ['an older-layout phase block', '        onCreate:\n          external:\n            - {name: a, url: "grpc://a.example.org", protocol: grpc}\n', '11:64: spec.crds.store.operatorBox.onCreate.external[0].protocol'],
    ['a current-layout phase block', '        reconcile:\n          onDelete:\n            external:\n              - {name: a, url: "https://a.example.org", protocol: graphql}\n', '12:67: spec.crds.store.operatorBox.reconcile.onDelete.external[0].protocol'],
    ['a gate of preReconcile', '        preReconcile:\n          reconcileGate:\n            external:\n              - {name: q, url: "https://q.example.org", protocol: 7}\n', '12:67: spec.crds.store.operatorBox.preReconcile.reconcileGate.external[0].protocol'],
  ];
  for (const [where, box, at] of refused) {
    it(`refuses another protocol in ${where}, naming the call and what to do`, () => {
      const errors = errorsOf(katalog(box));
      expect(errors).to.have.length(1);
      expect(errors[0]).to.match(new RegExp(`^${at.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .* is not made by this runtime \\(only http, prometheus\\); read that system from a Job, or keep this CRD on the Go runtime$`));
    });
  }
});
