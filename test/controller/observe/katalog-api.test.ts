// The Go runtime's /katalog API shapes (controller/observe/katalog-api.ts): states, status codes,
// field names, and refusals of unknown or badly encoded CRD names. Pure.
import { expect } from 'chai';
import { crdState, katalogApiAnswer, type CrdApiView, type KatalogApiView } from '../../../controller/observe/katalog-api.js';

const NOW = Date.parse('2026-12-04T12:00:00Z');

function crd(name: string, over: Partial<CrdApiView> = {}): CrdApiView {
  return {
    name, group: 'shop.example.com', version: 'v1', kind: 'Cart', plural: 'carts', namespaced: true,
    dependsOn: [], waiting: false, workers: 3, workersBusy: 1, resync: '10m', queueDepth: 2, maxQueueDepth: 0,
    resourceCount: 4, errorRatePercent: 0,
    stats: { total: 5, failed: 0, consecutiveFails: 0, lastError: '', lastReconcileAt: NOW - 1_000, startedAt: NOW - 3_723_000 },
    ...over,
  };
}

const view = (crds: CrdApiView[], ready = true): KatalogApiView => ({ name: 'shop', version: '1.2.0', author: 'platform', ready, crds });

describe('controller/observe/katalog-api', () => {
  it('crdState: pending while waiting, degraded after a failure, healthy after a success or with no CRs, started between', () => {
    const cases: [Partial<CrdApiView>, string][] = [
      [{ waiting: true }, 'pending'],
      [{ stats: { total: 3, failed: 1, consecutiveFails: 1, lastError: 'x' } }, 'degraded'],
      [{}, 'healthy'],
      [{ resourceCount: 0, stats: { total: 0, failed: 0, consecutiveFails: 0, lastError: '' } }, 'healthy'],
      [{ stats: { total: 0, failed: 0, consecutiveFails: 0, lastError: '' } }, 'started'],
    ];
    for (const [over, state] of cases) expect(crdState(crd('c', over)), JSON.stringify(over)).to.equal(state);
  });

  it('/katalog lists every CRD with upstream field names and counts, 200 with an overall status', () => {
    const answer = katalogApiAnswer('/katalog', view([crd('carts'), crd('orders', { waiting: true, dependsOn: ['carts'] })]), NOW)!;
    expect(answer.status).to.equal(200);
    const body = answer.body as Record<string, unknown> & { crds: Record<string, unknown>[] };
    expect(body).to.include({ name: 'shop', version: '1.2.0', author: 'platform', total: 2, totalEnabled: 2, healthy: false, status: 503, OrkReady: true });
    expect(body.statusCounts).to.deep.equal({ healthy: 1, degraded: 0, started: 0, pending: 1 });
    expect(body.crds[0]).to.include({ name: 'carts', state: 'healthy', healthy: true, started: true, pending: false, workers: 3, workersActive: 1, queueDepth: 2, resourceCount: 4, uptime: '1h2m3s' });
    expect(body.crds[1]).to.deep.include({ name: 'orders', state: 'pending', dependsOn: ['carts'], hasUnhealthyDependencies: true, workersActive: 1 });
  });

  it('/katalog/<crd> gives its configuration and counts', () => {
    const body = katalogApiAnswer('/katalog/carts', view([crd('carts')]), NOW)!.body as Record<string, unknown>;
    expect(body).to.include({ name: 'carts', gvk: 'shop.example.com/v1, Kind=Cart', gvr: 'shop.example.com/v1, Resource=carts', namespaced: true, workers: 3, workersIdle: 2, resync: '10m', totalReconciles: 5, healthy: true });
  });

  it('/katalog/<crd>/health answers 200 when healthy and 503 otherwise, with the last error', () => {
    const ok = katalogApiAnswer('/katalog/carts/health', view([crd('carts')]), NOW)!;
    expect(ok.status).to.equal(200);
    expect(ok.body).to.include({ name: 'carts', healthy: true, message: 'carts healthy', consecutiveFails: 0, totalReconciles: 5, startedAt: '2026-12-04T10:57:57.000Z', lastReconcile: '2026-12-04T11:59:59.000Z' });
    const failing = crd('carts', { stats: { total: 6, failed: 2, consecutiveFails: 2, lastError: 'apply Deployment web: forbidden' } });
    const bad = katalogApiAnswer('/katalog/carts/health/', view([failing]), NOW)!;
    expect(bad.status).to.equal(503);
    expect(bad.body).to.include({ state: 'degraded', healthy: false, message: 'carts degraded', consecutiveFails: 2, failedReconciles: 2, lastError: 'apply Deployment web: forbidden', startedAt: '', uptime: '' });
  });

  it('refuses an unknown CRD (404 naming it), bad percent-encoding (400), and leaves other paths alone', () => {
    const missing = katalogApiAnswer('/katalog/nope', view([crd('carts')]), NOW)!;
    expect(missing.status).to.equal(404);
    expect(JSON.stringify(missing.body)).to.contain('no CRD entry \\"nope\\"');
    expect(katalogApiAnswer('/katalog/%E0%A4%A/health', view([crd('carts')]), NOW)!.status).to.equal(400);
    expect(katalogApiAnswer('/katalog/carts/cr', view([crd('carts')]), NOW)).to.equal(undefined);
    expect(katalogApiAnswer('/katalogs', view([]), NOW)).to.equal(undefined);
  });
});
