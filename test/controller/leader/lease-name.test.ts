// leaseNameFor(): DNS-label Lease names from install names, distinct for distinct installs.
import { expect } from 'chai';
import { identityFor, leaseNameFor } from '../../../controller/leader/lease-name.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('controller/leader/lease-name', () => {
  it('prefixes a clean release name unchanged', () => {
    expect(leaseNameFor('shop')).to.equal('orkestra-shop');
    expect(leaseNameFor('my-operator-2')).to.equal('orkestra-my-operator-2');
  });

  const inputs = ['shop', 'Shop', 'shop_', 'SHOP', 'a'.repeat(53), 'a'.repeat(54), 'a'.repeat(60) + 'x', 'a'.repeat(60) + 'y', 'x.y', 'x-y', '--', 'über'];
  it('always yields a DNS label of at most 63 characters', () => {
    for (const input of inputs) {
      const name = leaseNameFor(input);
      expect(name, input).to.match(DNS_LABEL);
      expect(name.length, input).to.be.at.most(63);
    }
  });

  it('never maps two install names to one Lease', () => {
    const names = inputs.map(leaseNameFor);
    expect(new Set(names).size).to.equal(inputs.length);
  });

  it('is stable: every replica of an install derives the same name', () => {
    expect(leaseNameFor('a'.repeat(70))).to.equal(leaseNameFor('a'.repeat(70)));
    expect(leaseNameFor('Shop')).to.match(/^orkestra-shop-[0-9a-f]{8}$/);
  });

  it('refuses an empty install name', () => {
    expect(() => leaseNameFor(' ')).to.throw(/install name/);
  });

  it('identities are the pod name plus a random suffix', () => {
    const a = identityFor('ork-7d9f-abcde');
    expect(a.startsWith('ork-7d9f-abcde_')).to.equal(true);
    expect(identityFor('ork-7d9f-abcde')).to.not.equal(a);
  });
});
