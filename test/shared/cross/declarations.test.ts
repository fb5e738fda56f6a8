// cross declarations to queries: selector templates against the CR, upstream's URL shapes, and
// what `.cross.<as>` holds when a cluster query finds nothing, one CR or (strategy: all) several.
import { expect } from 'chai';
import { clusterMatches, clusterResult, crossQueries, remoteUrl, type ClusterQuery } from '../../../shared/cross/index.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';

const entry = (cross: unknown[]) => ({ operatorBox: { cross } }) as unknown as CrdEntry;
const cr = { metadata: { name: 'shop', namespace: 'retail' }, spec: { tenant: 'blue' } };

describe('shared/cross declarations', () => {
  it('evaluates selector templates against the CR; namespace defaults to the CR\'s, as defaults to crd', () => {
    const [byName, byLabels] = crossQueries(entry([
      { crd: 'database', selector: { name: '{{ .metadata.name }}-db' } },
      { crd: 'database', as: 'tenantDb', selector: { matchLabels: { tenant: '{{ .spec.tenant }}' }, namespace: 'data' } },
    ]), cr);
    expect(byName).to.deep.equal({ type: 'cluster', as: 'database', crd: 'database', name: 'shop-db', namespace: 'retail', all: false });
    expect(byLabels).to.deep.equal({ type: 'cluster', as: 'tenantDb', crd: 'database', matchLabels: { tenant: 'blue' }, namespace: 'data', all: false });
  });

  it('builds upstream\'s URLs from host and protocol; endpoint is used as given; a bad protocol or cacheFor fails the one read', () => {
    expect(remoteUrl('http://h:8080/', 'health', 'db', 'ns', 'x')).to.equal('http://h:8080/katalog/db/health');
    expect(remoteUrl('http://h', 'metrics', 'db', 'ns', 'x')).to.equal('http://h/katalog/db');
    expect(remoteUrl('http://h', 'cr', 'db', 'ns', 'x')).to.equal('http://h/katalog/db/cr/ns/x');
    expect(remoteUrl('http://h', 'events', 'db', undefined, 'x')).to.equal('http://h/katalog/db/cr/x/events');
    const queries = crossQueries(entry([
      { crd: 'db', source: { endpoint: 'https://o.example/{{ .metadata.name }}.json', cacheFor: '5s' } },
      { crd: 'db', as: 'p', source: { host: 'http://h', protocol: 'gossip' } },
      { crd: 'db', as: 'c', source: { host: 'http://h', cacheFor: 'soon' } },
    ]), cr);
    expect(queries[0]).to.deep.equal({ type: 'remote', as: 'db', url: 'https://o.example/shop.json', protocol: 'info', cacheForMs: 5000 });
    expect(queries[1]).to.deep.include({ type: 'failed', as: 'p' });
    expect(queries[2]).to.deep.include({ type: 'failed', as: 'c' });
  });

  it('found false, the first match by namespace/name, or every match with strategy all', () => {
    const q: ClusterQuery = { type: 'cluster', as: 'db', matchLabels: { tier: 'gold' }, namespace: 'retail', all: false };
    const a = { metadata: { name: 'b', namespace: 'retail', labels: { tier: 'gold' } }, spec: { v: 1 } };
    const b = { metadata: { name: 'a', namespace: 'retail', labels: { tier: 'gold' } }, spec: { v: 2 }, status: { phase: 'Ready' } };
    const other = { metadata: { name: 'c', namespace: 'other', labels: { tier: 'gold' } } };
    const matches = [a, b, other].filter((x) => clusterMatches(q, x));
    expect(matches).to.deep.equal([a, b]);
    expect(clusterResult(q, [])).to.deep.equal({ found: false });
    expect(clusterResult(q, matches)).to.deep.equal({ found: true, metadata: b.metadata, spec: { v: 2 }, status: { phase: 'Ready' } });
    expect(clusterResult({ ...q, all: true }, matches).items).to.have.length(2);
  });
});
