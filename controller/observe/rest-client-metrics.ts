// client-go's REST client metrics, fed by the kube client through the KubeRequestObserver port
// (shared/kube): rest_client_requests_total{code,method,host} for every attempt, watches included,
// and rest_client_request_duration_seconds{verb,host} for every attempt that is not a watch.
import type { Counter, Histogram } from './prometheus/index.js';
import type { KubeRequestObserver } from '../../shared/kube/index.js';

/** client-go's request latency buckets (seconds). */
export const REST_CLIENT_DURATION_BUCKETS: readonly number[] = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60];

export interface RestClientInstruments {
  requests: Counter<'code' | 'method' | 'host'>;
  duration: Histogram<'verb' | 'host'>;
}

export function restClientObserver({ requests, duration }: RestClientInstruments): KubeRequestObserver {
  return {
    request: ({ method, host, code, seconds }) => {
      requests.inc({ code, method, host });
      if (seconds !== undefined) duration.observe({ verb: method, host }, seconds);
    },
  };
}
