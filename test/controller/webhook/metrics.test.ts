// The webhook's per-review metrics, counted by the real HTTPS server on 127.0.0.1 and read back in
// the Prometheus text format its /metrics serves.
import { expect } from 'chai';
import { request } from 'node:https';
import { startWebhookServer, type WebhookServer } from '../../../controller/webhook/server.js';
import { WebhookMetrics } from '../../../controller/webhook/metrics.js';
import { issueAll } from '../../../controller/webhook/certs/issue.js';
import { silentLogger } from '../../../shared/log.js';
import { admissionReview, GROUP, targetsWith, widget, widgetCrd, widgetEntry } from '../../shared/admission/fixtures.js';

function post(server: WebhookServer, ca: string, path: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.origin}${path}`, { method: 'POST', ca, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
}

/** `name{labels} value` lines of one metric, labels in the order the series was first written. */
function series(text: string, name: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^(\w+)(\{[^}]*\})? (\S+)$/);
    if (m && m[1] === name) out[m[2] ?? ''] = Number(m[3]);
  }
  return out;
}

describe('controller/webhook metrics (HTTPS on 127.0.0.1)', () => {
  const certs = issueAll(['127.0.0.1'], new Date());
  const crd = widgetCrd([{ name: 'v1alpha1', props: { replicas: {} } }, { name: 'v1', props: { size: {} }, storage: true }]);
  const paths = [{ from: 'v1alpha1', to: 'v1', spec: { size: '{{ .spec.replicas }}' } }];
  const metrics = new WebhookMetrics({ processMetrics: false });
  let server: WebhookServer;
  let text: string;

  before(async () => {
    const targets = targetsWith(widgetEntry({ conversion: { paths } }), [crd]);
    server = await startWebhookServer({ host: '127.0.0.1', port: 0, targets, tls: certs, logger: silentLogger(), observer: metrics });
    const ca = certs.caBundlePem;
    expect(await post(server, ca, '/validate', admissionReview(widget({ replicas: 9, image: 'quay.io/x' })))).to.equal(200); // denied + warned
    expect(await post(server, ca, '/validate', admissionReview(widget({ replicas: 8 })))).to.equal(200); // denied + warned (no image)
    expect(await post(server, ca, '/validate', admissionReview(widget({ replicas: 1, image: 'registry.example/x' })))).to.equal(200); // allowed
    expect(await post(server, ca, '/mutate', admissionReview(widget({ replicas: 1 })))).to.equal(200); // patched
    const conversion = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: { uid: 'c', desiredAPIVersion: `${GROUP}/v1`, objects: [widget({ replicas: 2 }, `${GROUP}/v1alpha1`), widget({ replicas: 3 }, `${GROUP}/v1alpha1`)] } };
    expect(await post(server, ca, '/convert', conversion)).to.equal(200);
    expect(await post(server, ca, '/mutate', 'not json')).to.equal(400);
    text = await metrics.metrics();
  });
  after(() => server.close());

  it('counts requests by webhook, CRD and result', () => {
    expect(series(text, 'orkestra_webhook_requests_total')).to.deep.equal({
      '{webhook="validate",crd="widget",result="denied"}': 2,
      '{webhook="validate",crd="widget",result="allowed"}': 1,
      '{webhook="mutate",crd="widget",result="patched"}': 1,
      '{webhook="convert",crd="widget",result="converted"}': 1,
      '{webhook="mutate",crd="",result="invalid"}': 1,
    });
  });

  it('has a latency histogram per webhook whose counts match the requests', () => {
    const counts = series(text, 'orkestra_webhook_request_duration_seconds_count');
    expect(counts).to.deep.equal({ '{webhook="validate"}': 3, '{webhook="mutate"}': 2, '{webhook="convert"}': 1 });
    const sum = series(text, 'orkestra_webhook_request_duration_seconds_sum')['{webhook="validate"}']!;
    expect(sum).to.be.greaterThan(0).and.lessThan(3);
    expect(series(text, 'orkestra_webhook_request_duration_seconds_bucket')['{le="5",webhook="validate"}']).to.equal(3);
  });

  it('counts denials and warnings by the rule that failed', () => {
    expect(series(text, 'orkestra_webhook_denials_total')).to.deep.equal({ '{crd="widget",rule="validation.rules[0]",field="spec.replicas"}': 2 });
    expect(series(text, 'orkestra_webhook_warnings_total')).to.deep.equal({ '{crd="widget",rule="validation.rules[1]",field="spec.image"}': 2 });
  });

  it('counts converted objects by CRD and versions', () => {
    expect(series(text, 'orkestra_webhook_conversions_total')).to.deep.equal({ '{crd="widget",from="v1alpha1",to="v1",result="converted"}': 2 });
  });
});
