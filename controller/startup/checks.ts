// The start-up checks, in the order that keeps a bad start harmless: the bundle is verified
// before any API call (verifyBundle), then — before the first write — every permission it needs,
// the digest published on our Pod, the CRD breaking-change guard, and only then the CRDs applied.
// The guard's reads of the live CRDs go out beside the RBAC check (reads only; it decides after),
// and so does the discovery of the child kinds the informers will watch.
import type { Logger } from '../../shared/log.js';
import type { KubeClient } from '../../shared/kube/index.js';
import type { Clock } from '../engine/index.js';
import type { ControllerMetrics } from '../observe/index.js';
import { guardCrds, readLiveCrds } from './crd-guard.js';
import { applyCrds, servedKinds } from './crds.js';
import { loadVerifiedBundle, type BundleDirSource, type VerifiedBundleDir } from './load-bundle.js';
import { publishDigestFromEnv } from './publish-digest.js';
import { checkRbac, rbacMissingError } from './rbac-check.js';
import { describeAccess, type AccessCheck } from '../../shared/rbac/index.js';
import { childKinds } from '../reconcile/child-kinds.js';

export type BundleSource = BundleDirSource;

/** Nothing touches the cluster before the bundle is proven. */
export async function verifyBundle(source: BundleSource, logger: Logger): Promise<VerifiedBundleDir> {
  const bundle = await loadVerifiedBundle(source);
  logger.info('bundle verified', {
    digest: bundle.digest, keyid: bundle.keyid, imports: bundle.payload.imports.length,
    ...(bundle.configChecksum !== undefined ? { configChecksum: bundle.configChecksum } : {}), ...(bundle.issuedAt !== undefined ? { issuedAt: bundle.issuedAt } : {}),
  });
  return bundle;
}

export interface ClusterCheckContext {
  kube: KubeClient;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  logger: Logger;
  fieldManager: string;
  metrics?: ControllerMetrics;
  /** The Lease's namespace, when leader election is on: its permissions are checked too. */
  leaseNamespace?: string;
}

/**
 * RBAC, digest, CRD guard, CRD apply; throws (before writing anything) on a refusal. Returns the
 * CRDs whose stored versions the storage-version migration must look at (applyCrds).
 */
export async function prepareCluster(bundle: VerifiedBundleDir, context: ClusterCheckContext): Promise<{ storageMigration: string[] }> {
  const { kube, logger } = context;
  const live = readLiveCrds(kube, bundle.payload.crds);
  live.catch(() => undefined);
  warmDiscovery(kube, bundle, context.leaseNamespace !== undefined);
  const rbac = await checkRbac(kube, bundle.payload, { logger, ...(context.leaseNamespace !== undefined ? { leaderElection: { namespace: context.leaseNamespace } } : {}) });
  // Trimming status.storedVersions is needed only when a storage version changed: its permission
  // missing is said at start, and the migration reports it again (Event) if it ever needs it.
  const advisory = rbac.missing.filter(isStorageMigrationAccess);
  if (advisory.length > 0) logger.warn('rbac: storage-version migration cannot trim storedVersions; grant it if a CRD changes its storage version (ork rbac --bundle DIR)', { missing: advisory.map(describeAccess) });
  const missing = rbacMissingError(rbac.missing.filter((m) => !isStorageMigrationAccess(m)));
  if (missing) throw missing;
  logger.info('rbac checked', { permissions: rbac.checked.length, unresolvedKinds: rbac.unresolved.map((k) => `${k.kind}.${k.apiVersion}`) });
  // The digest on our Pod and Deployment (POD_NAME/POD_NAMESPACE set): a failure only warns.
  await publishDigestFromEnv({ kube, env: context.env, digest: bundle.digest, logger });
  // An unacknowledged breaking change in any CRD refuses the start before a single CRD is applied.
  await guardCrds(kube, bundle.payload, { logger, live, ...(context.metrics ? { metrics: context.metrics } : {}) });
  return { storageMigration: await applyCrds(kube, bundle.payload.crds, { fieldManager: context.fieldManager, clock: context.clock, live: await live }) };
}

/**
 * The group-versions of the child kinds (and of the Lease, which the election creates on a first
 * start) into the discovery cache, beside the RBAC check instead of one after another when the
 * informers and the election start. Reads only; a failure is not cached: they ask again and report it.
 */
function warmDiscovery(kube: KubeClient, bundle: VerifiedBundleDir, leaderElection: boolean): void {
  const kinds = Object.values(bundle.payload.katalog.spec.crds).flatMap((entry) => childKinds(entry));
  // The bundle's own kinds too: a CRD the start leaves as it was keeps this answer (crds.ts).
  kinds.push(...bundle.payload.crds.flatMap(servedKinds));
  if (leaderElection) kinds.push({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' });
  const byGroupVersion = new Map(kinds.map((k) => [k.apiVersion, k.kind]));
  for (const [apiVersion, kind] of byGroupVersion) kube.resourceFor(apiVersion, kind).catch(() => undefined);
}

function isStorageMigrationAccess(access: AccessCheck): boolean {
  return access.group === 'apiextensions.k8s.io' && access.resource === 'customresourcedefinitions' && access.subresource === 'status';
}
