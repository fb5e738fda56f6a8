// The resolver's program: resolve → sign → write, for `ork resolve` (and its --rollout-bundle mode)
// and `ork lock`. It owns the order that makes a failure safe: the old bundle is removed first, the
// lock is checked before anything is written, and the bundle is written atomically last. The CLI
// parses flags, calls one of these and prints; it never signs or writes a bundle itself.
import type { KeyObject } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { bundleDigestOf } from '../shared/bundle/payload.js';
import { signBundleWith } from '../shared/bundle/sign.js';
import { keyObjectSigner, type BundleSigner } from '../shared/bundle/signer.js';
import { OrkError, type Issue } from '../shared/errors.js';
import { bundlePaths, writeBundleAtomically } from './bundle-writer.js';
import { MAX_KEY_FILE_BYTES } from '../shared/bundle/layout.js';
import { parsePrivateKeyPem } from '../shared/bundle/keys.js';
import { describeReadFailure, readBounded } from '../platform/index.js';
import { readTextFile } from './katalog-files.js';
import { assertMatchesLock, lockOf, lockText, parseLock, type LockFile } from './lock.js';
import { resolveKomposer, type Resolution, type ResolveOptions } from './resolve.js';
import { rolloutBundle, type RolloutBundle, type RolloutBundleInput, type SignedFiles } from './rollout-bundle.js';

export interface ResolveRun {
  /** Called once the old bundle is gone, so a bad flag (a CA file) cannot leave it behind. */
  options: () => Promise<ResolveOptions>;
  /** The bundle directory: emptied of an old bundle first, holding the new one only on success. */
  out: string;
  /** The PEM private key that signs the bundle. */
  keyPath: string;
  /** Signs instead of the key at keyPath (a KMS key, say); keyPath is then not read. */
  signer?: BundleSigner;
  /** A lock file the resolution must match (`--lock`); `lockName` is how the user named it. */
  lockPath?: string;
  lockName?: string;
  /** Each non-fatal issue of the Katalogs, as it is found. */
  onWarning?: (issue: Issue) => void;
  /** One bundle per ReplicaSet: reuse the one its first pod published, else publish ours. */
  rollout?: Pick<RolloutBundleInput, 'kube' | 'namespace' | 'podName'> & {
    /** Refuse a published bundle older than this (milliseconds). */
    maxAgeMs?: number;
  };
  /** The configuration checksum signed into the bundle, and required of a published one (replay). */
  configChecksum?: string;
  /** The clock for the signed issue time and the maximum age; default the system clock. */
  now?: () => Date;
}

export interface ResolveRunResult {
  digest: string;
  /** Set when this run resolved (not when it reused a published bundle). */
  resolution?: Resolution;
  rollout?: RolloutBundle;
}

export async function resolveToDirectory(run: ResolveRun): Promise<ResolveRunResult> {
  await removeBundle(run.out);
  const signer = run.signer ?? keyObjectSigner(await readPrivateKey(run.keyPath));
  const lock = run.lockPath === undefined ? undefined : { file: await readLock(run.lockPath), path: run.lockName ?? run.lockPath };
  let resolution: Resolution | undefined;
  const produce = async (): Promise<SignedFiles> => {
    const signed = await resolveAndSign(run, signer, lock);
    resolution = signed.resolution;
    return signed;
  };
  if (run.rollout) {
    const { maxAgeMs, ...where } = run.rollout;
    const expected = { ...(run.configChecksum !== undefined ? { configChecksum: run.configChecksum } : {}), ...(maxAgeMs !== undefined ? { maxAgeMs } : {}) };
    const rollout = await rolloutBundle({ ...where, publicKey: signer.publicKey, produce, expected, ...(run.now ? { now: run.now } : {}) });
    await writeBundleAtomically(run.out, rollout.files);
    return { digest: rollout.files.digest, rollout, ...(resolution ? { resolution } : {}) };
  }
  const signed = await resolveAndSign(run, signer, lock);
  await writeBundleAtomically(run.out, signed);
  return { digest: signed.digest, resolution: signed.resolution };
}

/** `ork lock`: resolves (no key needed) and writes the lock file; returns the bundle digest. */
export async function writeLock(options: ResolveOptions, path: string): Promise<{ digest: string; resolution: Resolution }> {
  const resolution = await resolveKomposer(options);
  const digest = bundleDigestOf(resolution.payload);
  try {
    await writeFile(path, lockText(lockOf(resolution, digest)));
  } catch (e) {
    throw new OrkError('FILE_WRITE_FAILED', `cannot write the lock file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { source: path });
  }
  return { digest, resolution };
}

type Lock = { file: LockFile; path: string };

async function resolveAndSign(run: ResolveRun, signer: BundleSigner, lock: Lock | undefined): Promise<SignedFiles & { resolution: Resolution }> {
  const resolution = await resolveKomposer(await run.options());
  for (const warning of resolution.warnings) run.onWarning?.(warning);
  const signed = await signBundleWith(resolution.payload, signer, { configChecksum: run.configChecksum, issuedAt: (run.now ?? (() => new Date()))() });
  if (lock) assertMatchesLock(lock.file, lockOf(resolution, signed.digest), lock.path);
  return { ...signed, resolution };
}

async function readPrivateKey(path: string): Promise<KeyObject> {
  const read = await readBounded(path, MAX_KEY_FILE_BYTES);
  if ('bytes' in read) return parsePrivateKeyPem(read.bytes.toString('utf8'), path);
  if (read.failure.reason === 'too-large') throw new OrkError('KEY_INVALID', `key file is larger than ${MAX_KEY_FILE_BYTES} bytes; it is not a PEM key`, { source: path });
  throw new OrkError('FILE_UNREADABLE', `cannot read the signing key: ${describeReadFailure(read.failure)}; pass the private key from 'ork keygen' with --key`, { source: path });
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
