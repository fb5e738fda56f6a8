// What most end-to-end suites do with their world: start it from a fixture before the suite, close
// it after (printing what the suite measured), show the controller's last warnings when a case
// fails, and reach the API server through a few short helpers.
import { CLUSTER_START_TIMEOUT_MS } from '../../support/cluster.js';
import { fixtureWorld, type World } from './world.js';

/** Paths and calls against the world's API server. */
export interface WorldApi {
  /** The running world (valid once the suite's `before` has run). */
  world(): World;
  get(path: string): Promise<any>;
  /** The HTTP status of a GET, without throwing on 404. */
  status(path: string): Promise<number>;
  /** Create a CR of the world's group at v1. */
  create(plural: string, kind: string, ns: string, name: string, spec: Record<string, unknown>, metadata?: Record<string, unknown>): Promise<any>;
  /** `type reason: message` of the Events about one object. */
  events(ns: string, name: string): Promise<string[]>;
  /** Numbers the suite reports after it ends. */
  measured: Record<string, unknown>;
}

export const cm = (ns: string, name: string) => `/api/v1/namespaces/${ns}/configmaps/${name}`;
export const deploy = (ns: string, name: string) => `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;
export const job = (ns: string, name: string) => `/apis/batch/v1/namespaces/${ns}/jobs/${name}`;

/** Registers the suite's hooks for a world made from `test/fixtures/controller/<fixture>`. */
export function useFixtureWorld(fixture: string): WorldApi {
  let running: World | undefined;
  const measured: Record<string, unknown> = {};
  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    running = await fixtureWorld(fixture);
    await running.start();
  });
  after(async () => {
    await running?.close();
    if (Object.keys(measured).length > 0) console.log(`      measured: ${JSON.stringify(measured)}`);
  });
  afterEach(function () {
    // A failed case shows the controller's last warnings, which say why.
    if (this.currentTest?.state === 'failed' && running) {
      console.log(JSON.stringify(running.logs.filter((l) => l.level === 'warn' || l.level === 'error').slice(-10)));
    }
  });
  const world = (): World => {
    if (!running) throw new Error(`the ${fixture} world is not started yet`);
    return running;
  };
  const get = (path: string) => world().cluster.client.get(path);
  return {
    world,
    get,
    status: async (path) => (await world().cluster.client.request({ path })).status,
    create: (plural, kind, ns, name, spec, metadata = {}) => world().cluster.client.post(world().crPath(plural, ns), {
      apiVersion: `${world().group}/v1`, kind, metadata: { name, ...metadata }, spec,
    }),
    events: async (ns, name) => (await get(`/api/v1/namespaces/${ns}/events`)).items
      .filter((e: any) => e.involvedObject.name === name).map((e: any) => `${e.type} ${e.reason}: ${e.message}`),
    measured,
  };
}
