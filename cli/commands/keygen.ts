// `ork keygen`: writes a new ECDSA P-256 key pair for signing bundles — the private key with mode
// 0600, the public key 0644. Never overwrites a file unless --force; never prints key material.
import { constants } from 'node:fs';
import { lstat, open, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { OrkError } from '../../shared/errors.js';
import { generateSigningKeyPair } from '../../shared/bundle/index.js';
import { parseFlags, requireFlag } from '../args.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';

const HELP = `usage: ork keygen --out-private PRIVATE.pem --out-public PUBLIC.pem [--force]

Creates an ECDSA P-256 key pair. The private key (PKCS#8 PEM, mode 0600) signs bundles in the
resolver; the public key (SPKI PEM) is what the controller and 'ork verify' trust.

  --out-private PATH   where to write the private key
  --out-public PATH    where to write the public key
  --force              replace existing files
`;

export const PRIVATE_KEY_MODE = 0o600;
export const PUBLIC_KEY_MODE = 0o644;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('keygen', argv, {
    'out-private': { type: 'string' },
    'out-public': { type: 'string' },
    force: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const privatePath = resolve(io.cwd, requireFlag('keygen', 'out-private', values['out-private']));
  const publicPath = resolve(io.cwd, requireFlag('keygen', 'out-public', values['out-public']));
  if (privatePath === publicPath) throw new OrkError('USAGE', '--out-private and --out-public must be different files');

  // Check both before writing either, so a refusal leaves nothing half-done.
  if (!values.force) {
    for (const path of [privatePath, publicPath]) {
      if (await exists(path)) throw new OrkError('USAGE', `${path} already exists; choose another path or pass --force to replace it`);
    }
  }
  const pair = generateSigningKeyPair();
  await writeNew(privatePath, pair.privateKeyPem, PRIVATE_KEY_MODE, values.force);
  try {
    await writeNew(publicPath, pair.publicKeyPem, PUBLIC_KEY_MODE, values.force);
  } catch (e) {
    // A private key without its public half is useless and a secret lying around: take it back.
    await unlink(privatePath).catch(() => undefined);
    throw e;
  }
  io.stdout(`wrote private key ${privatePath} (keep it secret: mount it only into the resolver)\n`);
  io.stdout(`wrote public key ${publicPath}\n`);
  io.stdout(`keyid ${pair.keyid}\n`);
  return EXIT.ok;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw cannotWrite(path, e);
  }
}

/**
 * Creates the file fresh (O_EXCL, so the mode is set at creation and a symlink is never followed);
 * with `replace`, an existing file is removed first rather than rewritten in place, so an old
 * file's looser mode cannot carry over to a new private key.
 */
async function writeNew(path: string, text: string, mode: number, replace: boolean): Promise<void> {
  try {
    if (replace) await unlink(path).catch((e: NodeJS.ErrnoException) => { if (e.code !== 'ENOENT') throw e; });
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    try {
      await handle.chmod(mode);
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (e instanceof OrkError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new OrkError('USAGE', `${path} already exists; choose another path or pass --force to replace it`);
    }
    throw cannotWrite(path, e);
  }
}

function cannotWrite(path: string, e: unknown): OrkError {
  const code = (e as NodeJS.ErrnoException).code ?? 'write failed';
  return new OrkError('FILE_WRITE_FAILED', `cannot write this file (${code}); check that its directory exists and is writable`, { source: path, cause: e });
}
