// `ork run`'s health, readiness, metrics and /katalog endpoints, where the Go runtime's `ork run`
// serves them (localhost:8080), so `curl localhost:8080/katalog/<crd>/health` works in local
// development too. The default address is a convenience: when its port is taken, ork run says so
// and runs without them. An address given with --http-address must be served, or ork run stops.
import type { Logger } from '../../shared/log.js';
import { isOrkError } from '../../shared/errors.js';
import { bundleSummary, ControllerMetrics, startObservabilityServer, type RunningController } from '../../controller/index.js';
import { parseHttpAddress } from '../http-address.js';

export const RUN_HTTP_ADDRESS = '127.0.0.1:8080';

export interface LocalHttp {
  metrics: ControllerMetrics;
  /** Where the endpoints are served; undefined when they are off. */
  url?: string;
  /** The controller, once started: what the endpoints report. */
  attach(controller: RunningController): void;
  close(): Promise<void>;
}

export async function startLocalHttp(given: string | undefined, logger: Logger): Promise<LocalHttp> {
  const metrics = new ControllerMetrics();
  let running: RunningController | undefined;
  const address = parseHttpAddress('run', given ?? RUN_HTTP_ADDRESS);
  try {
    const server = await startObservabilityServer({
      ...address,
      metrics,
      logger,
      ready: () => running?.readiness() ?? { ok: false, reason: 'controller not started yet' },
      bundle: () => running && bundleSummary(running.payload, running.digest, running.keyid),
      katalog: () => running?.katalog(),
    });
    return { metrics, url: server.url, attach: (c) => { running = c; }, close: () => server.close() };
  } catch (e) {
    if (given !== undefined || !isOrkError(e)) throw e;
    logger.warn('health and metrics endpoints are off: their default address is taken; pass --http-address HOST:PORT to serve them', { address: RUN_HTTP_ADDRESS });
    return { metrics, attach: () => undefined, close: async () => undefined };
  }
}
