import { expect } from 'chai';
import { templateMetrics } from '../../../shared/autoscale/index.js';
import { renderStatus } from '../../../shared/render/index.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import { makeCr } from '../render/fixtures.js';

describe('shared/autoscale/template-metrics', () => {
  const snapshot = { queueDepth: 7, workersBusyPercent: 75, workersIdlePercent: 25, reconcileDurationP95Ms: 12.5, errorRatePercent: 0 };

  it('names the numbers as upstream templates read them; autoscaleActive is "true"/"false"', () => {
    expect(templateMetrics({ snapshot, workers: 4, autoscaleActive: true })).to.deep.equal({
      queueDepth: 7, workers: 4, autoscaleActive: 'true', workersBusyPercent: 75, workersIdlePercent: 25, errorRatePercent: 0, reconcileDurationP95Ms: 12.5,
    });
    expect(templateMetrics({ snapshot, workers: 2, autoscaleActive: false }).autoscaleActive).to.equal('false');
  });

  it('status fields render from it (upstream autoscale example: workers, autoscaleActive)', () => {
    const entry: CrdEntry = { operatorBox: { status: { fields: [
      { path: 'workers', value: '{{ .metrics.workers }}' },
      { path: 'autoscaleActive', value: '{{ .metrics.autoscaleActive }}' },
      { path: 'busy', value: '{{ .metrics.workersBusyPercent }}', type: 'int' },
      { path: 'crowded', value: 'yes', when: [{ field: 'metrics.queueDepth', gt: 5 }] },
    ] } } };
    const context = { metrics: templateMetrics({ snapshot, workers: 4, autoscaleActive: true }) };
    expect(renderStatus({ crdName: 'x', entry, cr: makeCr(), katalogName: 'k', context }, {}))
      .to.deep.equal({ workers: '4', autoscaleActive: 'true', busy: 75, crowded: 'yes' });
  });
});
