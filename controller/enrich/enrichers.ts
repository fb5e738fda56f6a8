// One function per enricher: what it reads for one child and the underscore keys it embeds, in
// upstream's shapes (shared/enrich/summaries.ts). A key is left out when there is nothing to say
// (no selector, nothing bound, nothing found), as upstream leaves it out; the notes then answer
// their zero values. Reads go through EnrichReads (bounded, once per reconcile).
import type { KubeObject } from '../../shared/kube/index.js';
import {
  controllerOwner, currentMetrics, endpointEntries, loadBalancerAddresses, newestJobs, nodeSummary, ownedByKind, ownedByUid,
  podSummary, scaleTarget, secretWithoutData, serviceSelector, statefulSetPvcNames, tlsSecretNames, warningSummary, workloadSelector,
  type Enricher,
} from '../../shared/enrich/index.js';
import { ENRICH_LIMITS, type EnrichReads } from './reads.js';

type Rec = Record<string, unknown>;
type Embed = (reads: EnrichReads, child: KubeObject) => Promise<Rec>;

const rec = (v: unknown): Rec => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const nameOf = (o: KubeObject) => o.metadata.name;
const nsOf = (o: KubeObject) => o.metadata.namespace ?? '';
const spec = (o: KubeObject) => rec(o.spec);

/** The immediate owner kind of a workload's pods (Deployments own theirs through ReplicaSets). */
const POD_OWNER: Record<string, string> = { Deployment: 'ReplicaSet', StatefulSet: 'StatefulSet', ReplicaSet: 'ReplicaSet', Job: 'Job' };

/** Pods the workload's selector matches, in its namespace (bounded). */
function selectedPods(reads: EnrichReads, child: KubeObject, selector: string | undefined): Promise<KubeObject[]> {
  if (selector === undefined || nsOf(child) === '') return Promise.resolve([]);
  return reads.list('Pod', nsOf(child), { labelSelector: selector }, ENRICH_LIMITS.pods);
}

const pods: Embed = async (reads, child) => {
  const selector = workloadSelector(child);
  if (selector === undefined) return {};
  const owner = POD_OWNER[child.kind] ?? child.kind;
  return { _pods: (await selectedPods(reads, child, selector)).filter((p) => ownedByKind(p, owner)).map(podSummary) };
};

const backingpods: Embed = async (reads, child) => {
  const found = await selectedPods(reads, child, serviceSelector(child));
  return found.length > 0 ? { _backingPods: found.map(podSummary) } : {};
};

const events: Embed = async (reads, child) => {
  if (nsOf(child) === '') return {};
  const own = await reads.list('Event', nsOf(child), { fieldSelector: `involvedObject.kind=${child.kind},involvedObject.name=${nameOf(child)},type=Warning` }, ENRICH_LIMITS.events);
  const warnings = own.map(warningSummary);
  // Container failures (ImagePullBackOff, OOMKilled, …) are recorded on the workload's pods.
  if (['Deployment', 'StatefulSet', 'ReplicaSet'].includes(child.kind)) {
    const names = new Set((await selectedPods(reads, child, workloadSelector(child))).map(nameOf));
    if (names.size > 0) {
      const podEvents = await reads.list('Event', nsOf(child), { fieldSelector: 'involvedObject.kind=Pod,type=Warning' }, ENRICH_LIMITS.podEvents);
      warnings.push(...podEvents.filter((e) => names.has(String(rec(e.involvedObject).name))).map(warningSummary));
    }
  }
  return warnings.length > 0 ? { _warnings: warnings } : {};
};

const replicasets: Embed = async (reads, child) => {
  const uid = child.metadata.uid ?? '';
  const selector = workloadSelector(child);
  if (uid === '' || selector === undefined || nsOf(child) === '') return {};
  const owned = (await reads.list('ReplicaSet', nsOf(child), { labelSelector: selector }, ENRICH_LIMITS.replicaSets)).filter((rs) => ownedByUid(rs, uid));
  // Each carries its `_owner`, so replicaSetOwnerName works on them too.
  return owned.length > 0 ? { _replicaSets: owned.map((rs) => withOwner(rs)) } : {};
};

function withOwner(obj: KubeObject): KubeObject {
  const owner = controllerOwner(obj);
  return owner ? { ...obj, _owner: owner } : obj;
}

const owner: Embed = async (_reads, child) => {
  const found = controllerOwner(child);
  return found ? { _owner: found } : {};
};

const endpoints: Embed = async (reads, child) => {
  if (nsOf(child) === '') return {};
  const slices = await reads.list('EndpointSlice', nsOf(child), { labelSelector: `kubernetes.io/service-name=${nameOf(child)}` }, ENRICH_LIMITS.endpointSlices);
  const entries = slices.flatMap(endpointEntries);
  return entries.length > 0 ? { _endpoints: entries } : {};
};

const pvcs: Embed = async (reads, child) => {
  if (nsOf(child) === '') return {};
  const names = statefulSetPvcNames(child, ENRICH_LIMITS.pvcGets);
  const found = (await Promise.all(names.map((n) => reads.get('PersistentVolumeClaim', nsOf(child), n)))).filter((p): p is KubeObject => p !== undefined);
  return found.length > 0 ? { _pvcs: found } : {};
};

/** `_pv` of a PersistentVolumeClaim: its bound volume (status always a map, as upstream). */
const boundVolume: Embed = async (reads, child) => {
  const volume = spec(child).volumeName;
  if (typeof volume !== 'string' || volume === '') return {};
  const pv = await reads.get('PersistentVolume', undefined, volume);
  return pv ? { _pv: { ...pv, status: pv.status ?? {} } } : {};
};

/** `_pvc` of a PersistentVolume: the claim in its claimRef. */
const boundClaim: Embed = async (reads, child) => {
  const ref = rec(spec(child).claimRef);
  if (typeof ref.name !== 'string' || typeof ref.namespace !== 'string' || ref.name === '' || ref.namespace === '') return {};
  const pvc = await reads.get('PersistentVolumeClaim', ref.namespace, ref.name);
  return pvc ? { _pvc: pvc } : {};
};

const storageclass: Embed = async (reads, child) => {
  const name = spec(child).storageClassName;
  if (typeof name !== 'string' || name === '') return {};
  const sc = await reads.get('StorageClass', undefined, name);
  return sc ? { _storageClass: sc } : {};
};

const node: Embed = async (reads, child) => {
  const name = spec(child).nodeName;
  if (typeof name !== 'string' || name === '') return {};
  const found = await reads.get('Node', undefined, name);
  return found ? { _node: nodeSummary(found) } : {};
};

const hpa: Embed = async (_reads, child) => {
  const target = scaleTarget(child);
  const metrics = currentMetrics(child);
  return { ...(target ? { _scaleTarget: target } : {}), ...(metrics.length > 0 ? { _currentMetrics: metrics } : {}) };
};

const cronjob: Embed = async (reads, child) => {
  const out: Rec = {};
  const active = rec(child.status).active;
  if (Array.isArray(active) && active.length > 0) out._activeJobs = active;
  const uid = child.metadata.uid ?? '';
  if (uid === '' || nsOf(child) === '') return out;
  // The Job template's labels narrow the list when it has some; ownership decides.
  const labels = rec(rec(rec(spec(child).jobTemplate).metadata).labels);
  const selector = Object.keys(labels).sort().filter((k) => typeof labels[k] === 'string').map((k) => `${k}=${labels[k] as string}`).join(',');
  const jobs = await reads.list('Job', nsOf(child), selector ? { labelSelector: selector } : {}, ENRICH_LIMITS.jobs);
  const { last, lastSuccessful } = newestJobs(jobs, uid);
  return { ...out, ...(last ? { _lastJob: last } : {}), ...(lastSuccessful ? { _lastSuccessfulJob: lastSuccessful } : {}) };
};

const ingress: Embed = async (reads, child) => {
  const out: Rec = {};
  const addresses = loadBalancerAddresses(child);
  if (addresses.length > 0) out._loadBalancerIPs = addresses;
  if (nsOf(child) === '') return out;
  const names = tlsSecretNames(child).slice(0, ENRICH_LIMITS.secretGets);
  const secrets = (await Promise.all(names.map((n) => reads.get('Secret', nsOf(child), n)))).filter((s): s is KubeObject => s !== undefined);
  if (secrets.length > 0) out._tlsSecrets = secrets.map(secretWithoutData);
  return out;
};

const pv: Embed = (reads, child) => (child.kind === 'PersistentVolume' ? boundClaim(reads, child) : boundVolume(reads, child));

export const EMBED: Readonly<Record<Enricher, Embed>> = {
  pods, events, replicasets, owner, endpoints, backingpods, pvcs, pvc: boundVolume, pv, storageclass, node, hpa, cronjob, ingress,
};
