// A pod's volumes, set up once before its first container: those of the spec, plus the
// service-account volume the ServiceAccount admission would have added when automount is on and no
// container mounts one (TokenRequest token bound to the pod, ca.crt, namespace).
import { chmodSync, writeFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { RunnerContext } from './runner-context.js';
import { ContainerConfigError, type Pod, type PodNetwork, type Volume, type VolumeMount } from './pod-types.js';
import { materializeVolume, type MaterializedVolume } from './volumes.js';

export const SA_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const SA_VOLUME = 'pod-runner-kube-api-access';

export interface PodVolumes {
  volumes: Map<string, MaterializedVolume>;
  /** Mounts every container of the pod gets besides its own (the synthesised token volume). */
  extraMounts: VolumeMount[];
}

export async function setUpPodVolumes(pod: Pod, dir: string, net: PodNetwork, ctx: RunnerContext): Promise<PodVolumes> {
  const volumes: Volume[] = [...(pod.spec.volumes ?? [])];
  const extraMounts: VolumeMount[] = [];
  const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  const hasSAMount = all.some((c) => (c.volumeMounts ?? []).some((m) => normalize(m.mountPath) === SA_MOUNT_PATH));
  if (!hasSAMount && await automountToken(pod, ctx)) {
    volumes.push({ name: SA_VOLUME, projected: { sources: [
      { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
    ] } });
    extraMounts.push({ name: SA_VOLUME, mountPath: SA_MOUNT_PATH, readOnly: true });
  }
  const out = new Map<string, MaterializedVolume>();
  for (const v of volumes) {
    out.set(v.name, await materializeVolume(pod, v, join(dir, v.name), {
      net, source: ctx.source, requestToken: (aud, exp) => requestToken(pod, ctx, aud, exp),
    }));
  }
  if (extraMounts.length > 0) {
    const path = join(dir, SA_VOLUME, 'ca.crt');
    writeFileSync(path, ctx.caPem);
    chmodSync(path, 0o644);
  }
  return { volumes: out, extraMounts };
}

async function automountToken(pod: Pod, ctx: RunnerContext): Promise<boolean> {
  if (pod.spec.automountServiceAccountToken !== undefined) return pod.spec.automountServiceAccountToken;
  const sa = pod.spec.serviceAccountName ?? 'default';
  const res = await ctx.client.request({ path: `/api/v1/namespaces/${ctx.namespace}/serviceaccounts/${sa}` });
  if (res.status !== 200) throw new ContainerConfigError(`serviceaccount "${sa}" not found (HTTP ${res.status})`);
  return res.body.automountServiceAccountToken !== false;
}

async function requestToken(pod: Pod, ctx: RunnerContext, audience: string | undefined, expirationSeconds: number): Promise<string> {
  const sa = pod.spec.serviceAccountName ?? 'default';
  const res = await ctx.client.request({
    method: 'POST', path: `/api/v1/namespaces/${ctx.namespace}/serviceaccounts/${sa}/token`,
    body: {
      apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest',
      spec: {
        audiences: audience ? [audience] : [],
        expirationSeconds: Math.max(600, expirationSeconds),
        boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid: pod.metadata.uid },
      },
    },
  });
  if (res.status === 201 || res.status === 200) return res.body.status.token as string;
  // Without TokenRequest (no signing key configured) fall back to the legacy token Secret.
  const account = await ctx.client.request({ path: `/api/v1/namespaces/${ctx.namespace}/serviceaccounts/${sa}` });
  for (const ref of account.body?.secrets ?? []) {
    const secret = await ctx.source.secret(ref.name);
    if (secret?.data?.token) return Buffer.from(secret.data.token, 'base64').toString('utf8');
  }
  throw new ContainerConfigError(`cannot get a token for serviceaccount ${sa}: TokenRequest HTTP ${res.status} and no token Secret`);
}
