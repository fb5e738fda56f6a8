// What every corpus case runs against, built once per test run: the resolver acceptance world
// (an HTTPS server with a throw-away CA, two real docker-registry instances, real helm, signing
// keys, credentials in env), one planted credential of the corpus's own, and a good signed bundle
// that the bundle cases tamper with. The real API server is started only for cluster cases.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePrivateKeyPem, generateSigningKeyPair } from '../../shared/bundle/index.js';
import { ork, resolveArgs } from '../resolver/e2e/run.js';
import { getWorld, katalogYaml, type World } from '../resolver/e2e/world.js';
import type { SigningKeys } from './bundle-ops.js';

export interface CorpusWorld {
  world: World;
  /** The corpus's planted credential: in env as CORPUS_TOKEN, and ${SECRET} in case files. */
  secret: string;
  /** Every credential that must never appear in an output. */
  secrets: string[];
  env: Record<string, string>;
  /** A directory holding a good bundle.json + bundle.sig.json signed with the world's key. */
  goodBundle: string;
  keys: SigningKeys;
  /** A plain file of the world's private key PEM text (never in an output either). */
  privateKeyPem: string;
}

let built: Promise<CorpusWorld> | undefined;

export function getCorpusWorld(): Promise<CorpusWorld> {
  built ??= build();
  return built;
}

async function build(): Promise<CorpusWorld> {
  const world = await getWorld();
  const secret = `corpus-s3cret-${randomBytes(12).toString('hex')}`;
  const env = { ...world.env, CORPUS_TOKEN: secret };
  const dir = join(world.dir, 'corpus-good');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'katalog.yaml'), katalogYaml('good', 'gadget', 'corpus.example.org', 'Gadget'));
  const goodBundle = join(dir, 'bundle');
  const r = await ork(world, resolveArgs(world, join(dir, 'katalog.yaml'), goodBundle), { env });
  if (r.code !== 0) throw new Error(`the corpus's good bundle did not resolve: ${r.err}`);
  const privateKeyPem = readFileSync(world.privateKey, 'utf8');
  const keys = { own: parsePrivateKeyPem(privateKeyPem, 'own'), other: parsePrivateKeyPem(generateSigningKeyPair().privateKeyPem, 'other') };
  const keyBody = privateKeyPem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
  return { world, secret, secrets: [...world.secrets, secret, keyBody], env, goodBundle, keys, privateKeyPem };
}
