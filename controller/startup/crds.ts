// Puts the bundle's CRDs on the cluster (server-side apply, field manager `orkestra`) and waits
// until each is Established; checks that CRDs a Katalog names only by apiTypes are served.
// Breaking-change checks come before this (crd-guard.ts, called first by run.ts).
import { OrkError } from '../../shared/errors.js';
import type { CrdObject } from '../../shared/bundle/payload.js';
import type { ApiTypes } from '../../shared/katalog/types.js';
import type { Clock } from '../engine/index.js';
import type { ApiResource, KubeClient, KubeObject } from '../../shared/kube/index.js';
import { isKubeError } from '../../shared/kube/index.js';
import { pendingStorageMigration } from '../../shared/crd-diff/index.js';
import { crdUnchanged, isEstablished, withCrdDigest } from './crd-unchanged.js';
import { allInOrder } from './in-order.js';

const ESTABLISHED_TIMEOUT_MS = 60_000;
const POLL_MS = 200;

/**
 * Applies and waits; returns the names of the CRDs the storage-version migration must look at
 * (controller/storage): those whose apply answer lists a stored version besides the storage one,
 * or does not list them. The others need no read of their own at start. With `live` (the CRDs as
 * read before, crd-guard.ts), a CRD that the apply would not change is not applied
 * (crd-unchanged.ts): its live copy stands for the apply's answer.
 */
export async function applyCrds(kube: KubeClient, crds: readonly CrdObject[], options: { fieldManager: string; clock: Clock; live?: ReadonlyMap<string, unknown> }): Promise<string[]> {
  if (crds.length === 0) return [];
  const resource = await kube.resourceFor('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
  // Independent calls, a few in flight (in-order.ts): the error is still the first CRD's that failed.
  const outcomes = await allInOrder(crds, async (bundled) => {
    const crd = withCrdDigest(bundled);
    const live = options.live?.get(crd.metadata.name);
    if (crdUnchanged(crd, live)) return { answer: live as KubeObject, applied: false };
    try {
      return { answer: await kube.apply(crd, { fieldManager: options.fieldManager, force: true }), applied: true };
    } catch (e) {
      throw isKubeError(e, 422) ? refusedCrd(crd.metadata.name, e.message, e) : e;
    }
  });
  const applied = outcomes.map((o) => o.answer);
  // The apply's answer carries the CRD's status: one already Established (a restart, an upgrade)
  // needs no read; a new one is polled until the API server establishes it.
  const pending = crds.filter((_, i) => !isEstablished(applied[i]));
  await allInOrder(pending, (crd) => waitEstablished(kube, resource, crd.metadata.name, options.clock));
  // Established comes before discovery serves the new group-version: wait for that too, or the
  // informers that follow would find the kind "not served".
  // A CRD left as it was is served as it was: its group-version may stay in the discovery cache.
  await waitDiscoverable(kube, crds, options.clock, new Set(crds.filter((_, i) => outcomes[i]!.applied).map((crd) => crd.metadata.name)));
  return crds.filter((_, i) => mayNeedMigration(applied[i])).map((crd) => crd.metadata.name);
}

function mayNeedMigration(answer: KubeObject | undefined): boolean {
  const stored = (answer as { status?: { storedVersions?: unknown } } | undefined)?.status?.storedVersions;
  return !Array.isArray(stored) || pendingStorageMigration(answer) !== undefined;
}

interface ServedKind { crd: CrdObject; apiVersion: string; kind: string }

/** A CRD's served kinds, one per served version. */
export function servedKinds(crd: CrdObject): ServedKind[] {
  const spec = crd.spec as { group?: string; names?: { kind?: string }; versions?: { name?: string; served?: boolean }[] } | undefined;
  const kind = spec?.names?.kind;
  if (!spec?.group || !kind) return [];
  const served = (spec.versions ?? []).filter((v) => v.served !== false && typeof v.name === 'string');
  return served.map((v) => ({ crd, apiVersion: `${spec.group}/${v.name}`, kind }));
}

/**
 * Until discovery serves every kind of every CRD: one refresh of the discovery cache per pass, all
 * group-versions asked at once, then only the missing ones again. The cache left behind serves the
 * informers that start next. `applied`: the CRDs applied now, whose cached discovery may be stale.
 */
async function waitDiscoverable(kube: KubeClient, crds: readonly CrdObject[], clock: Clock, applied: ReadonlySet<string>): Promise<void> {
  let pending = crds.flatMap(servedKinds);
  const deadline = clock.now() + ESTABLISHED_TIMEOUT_MS;
  let forget = pending.filter((p) => applied.has(p.crd.metadata.name));
  while (pending.length > 0) {
    // Only the applied CRDs' group-versions (then every one still missing): the built-in ones the
    // RBAC check and the informers read, and those of CRDs left as they were, stay cached.
    if (forget.length > 0) kube.invalidateDiscovery([...new Set(forget.map((p) => p.apiVersion))]);
    const served = await allInOrder(pending, ({ apiVersion, kind }) => kube.resourceFor(apiVersion, kind).then(() => true, (e: unknown) => {
      if (!isKubeError(e, 404)) throw e;
      return false;
    }));
    pending = pending.filter((_, i) => !served[i]);
    forget = pending;
    const late = pending[0];
    if (!late) return;
    if (clock.now() >= deadline) {
      throw new OrkError('CRD_NOT_ESTABLISHED', `CRD ${late.crd.metadata.name} is Established but ${late.kind} (${late.apiVersion}) was not served within ${ESTABLISHED_TIMEOUT_MS / 1000} s; check the API server's discovery`, { source: late.crd.metadata.name, retry: 'transient' });
    }
    await clock.sleep(POLL_MS);
  }
}

/** The API server's refusal of a CRD update; dropping a stored version gets the way to do it. */
function refusedCrd(name: string, serverMessage: string, cause: unknown): OrkError {
  const hint = /storedVersions/.test(serverMessage)
    ? 'a version objects are still stored as cannot be removed: first ship a bundle that keeps it and stores the new version; the controller then rewrites every object and trims status.storedVersions (Event StorageVersionMigrated on the CRD); ship the removal after that'
    : 'fix the CRD in the bundle';
  return new OrkError('CRD_INVALID', `the API server refused CRD ${name}: ${serverMessage}; ${hint}`, { source: name, cause });
}

type Condition = { type: string; status: string; message?: string };
const conditionsOf = (crd: KubeObject | undefined): Condition[] => ((crd?.status as { conditions?: Condition[] } | undefined)?.conditions) ?? [];

async function waitEstablished(kube: KubeClient, resource: ApiResource, name: string, clock: Clock): Promise<void> {
  const deadline = clock.now() + ESTABLISHED_TIMEOUT_MS;
  for (;;) {
    const live = await kube.get(resource, undefined, name);
    const conditions = conditionsOf(live);
    if (isEstablished(live)) return;
    if (clock.now() >= deadline) {
      const why = conditions.find((c) => c.type === 'NamesAccepted' && c.status === 'False')?.message;
      throw new OrkError('CRD_NOT_ESTABLISHED', `CRD ${name} was not Established within ${ESTABLISHED_TIMEOUT_MS / 1000} s${why ? `: ${why}` : ''}; check 'kubectl describe crd ${name}'`, { source: name, retry: 'transient' });
    }
    await clock.sleep(POLL_MS);
  }
}

/** The served resource of a CR kind, or an error that says which CRD to install. */
export async function servedResource(kube: KubeClient, apiVersion: string, kind: string, crdName: string): Promise<ApiResource> {
  try {
    return await kube.resourceFor(apiVersion, kind);
  } catch (e) {
    if (isKubeError(e, 404)) {
      throw new OrkError('CRD_NOT_FOUND', `${kind} (${apiVersion}) of CRD entry '${crdName}' is not served by the cluster; install its CRD, or give the entry a crdFile or crd so the bundle carries it`, { source: crdName, retry: 'transient' });
    }
    throw e;
  }
}

/**
 * The served resource of an entry's kind at `apiTypes.version` (where its CRs are read); a kind
 * declared at several versions (`apiTypes.versions`) must be served at every one of them.
 */
export async function servedKind(kube: KubeClient, apiTypes: ApiTypes, crdName: string): Promise<ApiResource> {
  const at = (version: string) => (apiTypes.group ? `${apiTypes.group}/${version}` : version);
  const resource = await servedResource(kube, at(apiTypes.version), apiTypes.kind, crdName);
  for (const other of apiTypes.versions ?? []) if (other !== apiTypes.version) await servedResource(kube, at(other), apiTypes.kind, crdName);
  return resource;
}
