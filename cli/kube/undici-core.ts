// The three parts of undici the Kubernetes client uses — Agent, buildConnector and request — loaded
// from undici's own files instead of its index, which also loads fetch, WebSocket, EventSource,
// the caches, mocks and every other dispatcher. Measured for `ork controller` (docs/benchmarks.md,
// *Start-up*): the index costs ≈ 20 MiB of RSS and 0.2–1.7 s of module loading; these files ≈ 9 MiB
// and ≈ 0.1 s. Same classes, same code paths: `request` here is undici's request API called on the
// given dispatcher, as undici's index does it. The types come from undici's declarations.
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const require = createRequire(import.meta.url);

export type Agent = Undici.Agent;
export const Agent = require('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;
export const buildConnector = require('undici/lib/core/connect.js') as typeof Undici.buildConnector;

type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & { dispatcher: Undici.Dispatcher; method?: Undici.Dispatcher.HttpMethod };
type RequestApi = (this: Undici.Dispatcher, options: Undici.Dispatcher.RequestOptions) => Promise<Undici.Dispatcher.ResponseData>;
const requestApi = require('undici/lib/api/api-request.js') as RequestApi;

/** undici's `request(url, { dispatcher, … })`: an absolute URL, always an explicit dispatcher. */
export function request(url: string, options: RequestOptions): Promise<Undici.Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = options;
  const target = new URL(url);
  return requestApi.call(dispatcher, {
    ...rest,
    origin: target.origin,
    path: target.search ? `${target.pathname}${target.search}` : target.pathname,
    method: options.method ?? (options.body ? 'PUT' : 'GET'),
  });
}
