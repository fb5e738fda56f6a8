// What is left of a webhook once its Deployment is gone: CRDs whose `spec.conversion` still calls
// it. `convertedBy` finds them among the cluster's CRDs (by the Service, or the URL, their
// clientConfig names), and `resetConversionPatch` is the JSON patch that sets one back to None —
// guarded by `test` operations, so a CRD that another install's webhook took over meanwhile is
// refused by the API server (422) rather than reset. Pure.
import { WEBHOOK_PATHS, type WebhookEndpoint } from './registration.js';

interface CrdLike {
  metadata?: { name?: string };
  spec?: { conversion?: { strategy?: string; webhook?: { clientConfig?: { url?: string; service?: { namespace?: string; name?: string } } } } };
}

/** The names of the CRDs whose conversion webhook is `endpoint`. */
export function convertedBy(crds: readonly CrdLike[], endpoint: WebhookEndpoint): string[] {
  return crds.filter((crd) => {
    const conversion = crd.spec?.conversion;
    if (conversion?.strategy !== 'Webhook') return false;
    const client = conversion.webhook?.clientConfig;
    if ('url' in endpoint) return client?.url === convertUrl(endpoint.url);
    return client?.service?.namespace === endpoint.service.namespace && client.service.name === endpoint.service.name;
  }).map((crd) => crd.metadata?.name ?? '').filter((n) => n !== '');
}

/** RFC 6902: still converted by `endpoint`? Then conversion becomes `{strategy: None}`. */
export function resetConversionPatch(endpoint: WebhookEndpoint): Record<string, unknown>[] {
  const client = '/spec/conversion/webhook/clientConfig';
  const tests = 'url' in endpoint
    ? [{ op: 'test', path: `${client}/url`, value: convertUrl(endpoint.url) }]
    : [{ op: 'test', path: `${client}/service/namespace`, value: endpoint.service.namespace }, { op: 'test', path: `${client}/service/name`, value: endpoint.service.name }];
  return [{ op: 'test', path: '/spec/conversion/strategy', value: 'Webhook' }, ...tests, { op: 'replace', path: '/spec/conversion', value: { strategy: 'None' } }];
}

const convertUrl = (url: string): string => `${url.replace(/\/+$/, '')}${WEBHOOK_PATHS.convert}`;
