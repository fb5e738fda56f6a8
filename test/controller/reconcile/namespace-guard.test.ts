// allowedNamespaces / restrictedNamespaces: upstream's patterns and the Ready messages.
import { expect } from 'chai';
import { guardMessage, namespaceMatches, namespaceRefusal } from '../../../controller/reconcile/namespace-guard.js';

describe('controller/reconcile namespace guard', () => {
  it('matches exact names, prefix* and *suffix only', () => {
    expect(namespaceMatches('kube-system', 'kube-system')).to.equal(true);
    expect(namespaceMatches('kube-public', 'kube-*')).to.equal(true);
    expect(namespaceMatches('team-sandbox', '*-sandbox')).to.equal(true);
    expect(namespaceMatches('apps', 'app')).to.equal(false);
    expect(namespaceMatches('my-kube-x', 'kube-*')).to.equal(false);
  });

  it('restricted wins over allowed; an empty allowed list allows all', () => {
    const entry = { allowedNamespaces: ['team-*'], restrictedNamespaces: ['team-secret'] };
    expect(namespaceRefusal(entry, 'team-a')).to.equal(undefined);
    expect(namespaceRefusal(entry, 'team-secret')).to.equal('namespace team-secret is restricted (restrictedNamespaces: team-secret)');
    expect(namespaceRefusal(entry, 'default')).to.equal('namespace default is not in allowedNamespaces (team-*)');
    expect(namespaceRefusal({ restrictedNamespaces: ['kube-*'] }, 'default')).to.equal(undefined);
  });

  it('says whether the CR or its children are out of bounds; a cluster-scoped CR is judged by its children', () => {
    const entry = { allowedNamespaces: ['apps'] };
    expect(guardMessage({}, 'x', ['y'])).to.equal(undefined);
    expect(guardMessage(entry, 'dev', [])).to.equal('namespace dev is not in allowedNamespaces (apps): this CR is not reconciled; create it in an allowed namespace');
    expect(guardMessage(entry, undefined, ['apps', 'dev', 'dev', undefined])).to.equal('children would be created where they may not: namespace dev is not in allowedNamespaces (apps); nothing was applied');
    expect(guardMessage(entry, 'apps', ['apps'])).to.equal(undefined);
  });
});
