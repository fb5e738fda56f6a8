// The endpoint reads a status implies: endpointsReady / hasEndpoints / .children.endpointslice in a
// status template turn the endpoints enricher on (without enrich: [endpoints]) and `ork rbac`'s
// enrichment permissions gain exactly the EndpointSlice list, for entries with a Service child.
import { expect } from 'chai';
import { effectiveEnrichSpec, enrichPermissions, statusReadsEndpoints } from '../../../shared/enrich/index.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';

const withStatus = (value: string, extra: Partial<CrdEntry> = {}): CrdEntry => ({ operatorBox: { status: { fields: [{ path: 'up', value }] } }, ...extra } as unknown as CrdEntry);
const SLICES = { group: 'discovery.k8s.io', resource: 'endpointslices', verbs: ['list'] };

describe('shared/enrich implied endpoint reads', () => {
  it('reads endpoints when a status template asks endpointsReady, hasEndpoints or .children.endpointslice', () => {
    expect(statusReadsEndpoints(withStatus('{{ endpointsReady .children.service }}'))).to.equal(true);
    expect(statusReadsEndpoints(withStatus('{{ hasEndpoints .children.service }}'))).to.equal(true);
    expect(statusReadsEndpoints(withStatus('{{ .children.endpointslice.metadata.name }}'))).to.equal(true);
    expect(statusReadsEndpoints(withStatus('{{ serviceClusterIP .children.service }}'))).to.equal(false);
    expect(statusReadsEndpoints({} as CrdEntry)).to.equal(false);
  });

  it('adds the endpoints target to what the entry enriches, and nothing when it already reads them', () => {
    expect(effectiveEnrichSpec(withStatus('{{ endpointsReady .children.service }}'))).to.deep.equal({ all: false, targets: [{ name: 'endpoints' }] });
    expect(effectiveEnrichSpec(withStatus('{{ hasEndpoints .children.service }}', { enrich: ['pods'] } as Partial<CrdEntry>))).to.deep.equal({ all: false, targets: [{ name: 'pods' }, { name: 'endpoints' }] });
    expect(effectiveEnrichSpec(withStatus('{{ hasEndpoints .children.service }}', { enrich: ['ep'] } as Partial<CrdEntry>))).to.deep.equal({ all: false, targets: [{ name: 'ep' }] });
    expect(effectiveEnrichSpec(withStatus('{{ serviceClusterIP .children.service }}'))).to.equal(undefined);
  });

  it('grants exactly the EndpointSlice list, and only for a Service child', () => {
    const entry = withStatus('{{ endpointsReady .children.service }}');
    expect(enrichPermissions(entry, [{ kind: 'Service' }, { kind: 'Deployment' }])).to.deep.equal([SLICES]);
    expect(enrichPermissions(entry, [{ kind: 'Deployment' }])).to.deep.equal([]);
    expect(enrichPermissions(withStatus('{{ serviceClusterIP .children.service }}'), [{ kind: 'Service' }])).to.deep.equal([]);
  });
});
