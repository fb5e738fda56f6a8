import { expect } from 'chai';
import { keyOf, objectKey, splitKey } from '../../../controller/engine/keys.js';

describe('controller/engine/keys', () => {
  const cases = [
    { namespace: 'ns', name: 'a', key: 'ns/a' },
    { namespace: undefined, name: 'cluster-thing', key: 'cluster-thing' },
    { namespace: 'kube-system', name: 'x.y-z', key: 'kube-system/x.y-z' },
  ];
  for (const c of cases) {
    it(`${c.key} round-trips`, () => {
      expect(keyOf(c.namespace, c.name)).to.equal(c.key);
      expect(objectKey({ metadata: { name: c.name, ...(c.namespace ? { namespace: c.namespace } : {}) } })).to.equal(c.key);
      expect(splitKey(c.key)).to.deep.equal({ namespace: c.namespace, name: c.name });
    });
  }
});
