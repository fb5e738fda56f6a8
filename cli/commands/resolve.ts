// `ork resolve`: the init container's job, also run by people and CI. Komposer in, signed bundle
// out (atomically), or a one-line reason and an exit code by category — with the termination
// message file written for Kubernetes, and no bundle left behind in the output directory.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { OrkError, describeError } from '../../shared/errors.js';
import { parsePrivateKeyPem } from '../../shared/bundle/index.js';
import { signBundle } from '../../shared/bundle/index.js';
import { digestOf } from '../../shared/bundle/index.js';
import { canonicalJsonBytes } from '../../shared/bundle/index.js';
import { bundlePaths, writeBundleAtomically } from '../../resolver/index.js';
import { assertMatchesLock, parseLock, type LockFile } from '../../resolver/index.js';
import { resolveKomposer, type Resolution } from '../../resolver/index.js';
import { describeRollout, rolloutBundle } from '../../resolver/index.js';
import { createKubeClient } from '../kube/index.js';
import { loadKubeConfig } from '../kube/index.js';
import { parseFlags, requireFlag } from '../args.js';
import { readKeyFile } from '../../controller/index.js';
import { readTextFile } from '../../resolver/index.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';
import { progressLine } from '../progress.js';
import { writeTerminationMessage } from '../termination.js';
import { RESOLVE_FLAGS, RESOLVE_FLAGS_HELP, resolveOptionsFrom } from '../resolve-flags.js';

const HELP = `usage: ork resolve -f KOMPOSER --out DIR --key PRIVATE.pem [--lock FILE] [--json] [flags]

Fetches every import of the Komposer once, checks pins and digests, validates each Katalog and the
merged whole, and writes DIR/bundle.json + DIR/bundle.sig.json atomically, signed with the key.
Prints the bundle digest last. On failure DIR holds no bundle.

${RESOLVE_FLAGS_HELP}
  --out DIR                  where to write the bundle
  --key PRIVATE.pem          ECDSA P-256 private key (from 'ork keygen')
  --lock FILE                fail if any import or the bundle differs from this lock ('ork lock')
  --json                     print a JSON summary on stdout instead of lines
  --termination-message-path FILE   write the one-line reason here on failure (Kubernetes)
  --rollout-bundle           one bundle per ReplicaSet: reuse the bundle its first pod published in
                             ConfigMap orkestra-bundle-<replicaset> (verified with the key's public
                             half; no import is fetched), else resolve and publish it there
  --pod-name NAME            this pod (else $POD_NAME), for --rollout-bundle
  --pod-namespace NS         its namespace (else $POD_NAMESPACE), for --rollout-bundle
  --kubeconfig FILE          for --rollout-bundle outside a cluster (else $KUBECONFIG, in-cluster)

Exit codes: 0 ok; 1 internal; 2 configuration or validation; 3 fetch or auth; 4 integrity.
`;

const FLAGS = {
  ...RESOLVE_FLAGS,
  out: { type: 'string' },
  key: { type: 'string' },
  lock: { type: 'string' },
  json: { type: 'boolean', default: false },
  'termination-message-path': { type: 'string' },
  'rollout-bundle': { type: 'boolean', default: false },
  'pod-name': { type: 'string' },
  'pod-namespace': { type: 'string' },
  kubeconfig: { type: 'string' },
} as const;

export async function run(argv: string[], io: CliIO): Promise<number> {
  let terminationPath: string | undefined;
  try {
    const { values } = parseFlags('resolve', argv, FLAGS);
    if (values.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    terminationPath = values['termination-message-path'] && resolvePath(io.cwd, values['termination-message-path']);
    return await resolveAndWrite(values, io);
  } catch (e) {
    if (terminationPath) await writeTerminationMessage(terminationPath, e);
    throw e;
  }
}

async function resolveAndWrite(values: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const out = resolvePath(io.cwd, requireFlag('resolve', 'out', values.out as string | undefined));
  const keyPath = resolvePath(io.cwd, requireFlag('resolve', 'key', values.key as string | undefined));
  await removeBundle(out);
  const privateKey = parsePrivateKeyPem(await readKeyFile(keyPath), keyPath);
  const lock = typeof values.lock === 'string' ? await readLock(resolvePath(io.cwd, values.lock)) : undefined;
  if (values['rollout-bundle']) return resolveForRollout(values, io, out, privateKey, lock);

  const options = await resolveOptionsFrom('resolve', values, io);
  if (io.isTTY && !values.json) options.onEvent = (event) => io.stderr(progressLine(event));
  const resolution = await resolveKomposer(options);
  for (const warning of resolution.warnings) io.stderr(`${describeError(new OrkError('KATALOG_INVALID', '', { issues: [warning] }))[0]}\n`);

  const signed = signBundle(resolution.payload, privateKey);
  if (lock && typeof values.lock === 'string') assertMatchesLock(lock, lockOf(resolution, signed.digest), values.lock);
  await writeBundleAtomically(out, { bundleBytes: signed.bundleBytes, envelopeBytes: signed.envelopeBytes });

  if (values.json) io.stdout(`${JSON.stringify(summary(resolution, signed.digest, out), null, 2)}\n`);
  else io.stdout(`${signed.digest}\n`);
  return EXIT.ok;
}

/** --rollout-bundle: the bundle of this pod's ReplicaSet (see resolver/rollout-bundle.ts). */
async function resolveForRollout(values: Record<string, string | boolean | undefined>, io: CliIO, out: string, privateKey: KeyObject, lock: LockFile | undefined): Promise<number> {
  const podName = (values['pod-name'] as string | undefined) ?? io.env.POD_NAME;
  const namespace = (values['pod-namespace'] as string | undefined) ?? io.env.POD_NAMESPACE;
  if (!podName || !namespace) throw new OrkError('USAGE', "--rollout-bundle needs the pod's name and namespace: set POD_NAME and POD_NAMESPACE (downward API) or pass --pod-name and --pod-namespace");
  const kubeconfig = values.kubeconfig as string | undefined;
  const kube = createKubeClient(loadKubeConfig({ env: io.env, ...(kubeconfig ? { path: resolvePath(io.cwd, kubeconfig) } : {}) }), { userAgent: 'orkestra-resolver' });
  try {
    const result = await rolloutBundle({
      kube,
      namespace,
      podName,
      publicKey: createPublicKey(privateKey),
      produce: async () => {
        const resolution = await resolveKomposer(await resolveOptionsFrom('resolve', values, io));
        for (const warning of resolution.warnings) io.stderr(`${describeError(new OrkError('KATALOG_INVALID', '', { issues: [warning] }))[0]}\n`);
        const signed = signBundle(resolution.payload, privateKey);
        if (lock && typeof values.lock === 'string') assertMatchesLock(lock, lockOf(resolution, signed.digest), values.lock);
        return signed;
      },
    });
    await writeBundleAtomically(out, result.files);
    io.stderr(describeRollout(result));
    if (values.json) io.stdout(`${JSON.stringify({ out, rollout: { path: result.path, configMap: result.configMap, replicaSet: result.replicaSet }, digest: result.files.digest }, null, 2)}\n`);
    else io.stdout(`${result.files.digest}\n`);
    return EXIT.ok;
  } finally {
    await kube.close();
  }
}

export function lockOf(resolution: Resolution, bundleDigest: string): LockFile {
  return {
    lockVersion: 1,
    komposer: resolution.payload.katalog.metadata.name,
    imports: resolution.imports.map(({ source, ref, digest }) => ({ source, ref, digest })),
    bundleDigest,
  };
}

/** The digest the bundle of a resolution has, without signing it (`ork lock` needs no key). */
export function bundleDigestOf(resolution: Resolution): string {
  return digestOf(canonicalJsonBytes(resolution.payload));
}

function summary(resolution: Resolution, digest: string, out: string) {
  return {
    out,
    imports: resolution.imports.map(({ source, ref, digest: d, size, mediaType }) => ({ source, ref, digest: d, size, mediaType })),
    crds: resolution.payload.crds.map((c) => c.metadata.name),
    warnings: resolution.warnings.length,
    digest,
  };
}

async function readLock(path: string): Promise<LockFile> {
  const read = await readTextFile(path);
  if ('issue' in read) throw new OrkError('USAGE', `cannot read the lock file: ${read.issue.message}`, { source: path });
  return parseLock(read.text, path);
}

/** A bundle from an earlier run must not outlive a failed one (an emptyDir survives restarts). */
async function removeBundle(dir: string): Promise<void> {
  const paths = bundlePaths(dir);
  for (const path of [paths.bundle, paths.envelope]) {
    await unlink(path).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT' && e.code !== 'ENOTDIR') throw new OrkError('FILE_WRITE_FAILED', `cannot remove the old bundle file ${path}: ${e.code}`, { source: path });
    });
  }
}
