import { expect } from 'chai';
import { SourceIndex, sourceKey } from '../../../controller/crd/source-index.js';

describe('controller/crd SourceIndex', () => {
  const reg = sourceKey('Secret', 'platform', 'registry');
  const ca = sourceKey('ConfigMap', 'platform', 'ca');

  it('names the CRs that read a source, per CRD', () => {
    const index = new SourceIndex();
    index.record('tenant', 'a', 'acme', [reg, ca, reg]);
    index.record('tenant', 'b', 'globex', [reg]);
    index.record('site', undefined, 'web', [reg]);
    expect(index.readersOf(reg)).to.deep.equal([{ crdName: 'tenant', key: 'a/acme' }, { crdName: 'tenant', key: 'b/globex' }, { crdName: 'site', key: 'web' }]);
    expect(index.readersOf(ca)).to.deep.equal([{ crdName: 'tenant', key: 'a/acme' }]);
    expect(index.readersOf(sourceKey('Secret', 'other', 'registry'))).to.deep.equal([]);
  });

  it('a new record replaces the old one; an empty one (or a CR gone) forgets the CR', () => {
    const index = new SourceIndex();
    index.record('tenant', 'a', 'acme', [reg, ca]);
    index.record('tenant', 'a', 'acme', [ca]);
    expect([index.readersOf(reg), index.readersOf(ca).length, index.size]).to.deep.equal([[], 1, 1]);
    index.record('tenant', 'a', 'acme', []);
    expect([index.readersOf(ca), index.size]).to.deep.equal([[], 0]);
  });
});
