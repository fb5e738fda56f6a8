// `helm lint --strict` of charts/orkestra with both Helm majors, for the default values and for
// ci/full-values.yaml (the webhook with cert-manager), and for the webhook's two other certificate
// modes (its own Secret; an existing Secret): a warning (deprecated API, missing field, …) fails.
import { expect } from 'chai';
import { getHelm, type HelmMajor } from '../../support/tools.js';
import { CHART_DIR, MONITORING_API, VALUE_SETS } from './render.js';

const WEBHOOK_SETS = [
  { name: 'the webhook with its own Secret', args: ['--set', 'webhook.enabled=true'] },
  { name: 'the webhook with an existing Secret', args: ['--set', 'webhook.enabled=true', '--set', 'webhook.existingSecret=my-webhook-tls'] },
];

for (const major of [3, 4] as HelmMajor[]) {
  describe(`charts/orkestra: helm ${major} lint --strict`, function () {
    this.timeout(120_000);

    for (const set of [...VALUE_SETS, ...WEBHOOK_SETS]) {
      it(`is clean with ${set.name}`, async function () {
        this.timeout(300_000); // the first call may download helm
        const helm = await getHelm({ major });
        // helm lint takes no --api-versions: the Prometheus Operator objects are linted as skipped.
        const { stdout } = await helm.run(['lint', '--strict', CHART_DIR, ...set.args.filter((a) => !MONITORING_API.includes(a))]);
        expect(stdout).to.match(/1 chart\(s\) linted, 0 chart\(s\) failed/);
        expect(stdout).not.to.match(/\[(WARNING|ERROR)\]/);
      });
    }
  });
}
