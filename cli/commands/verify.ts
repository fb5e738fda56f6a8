// `ork verify`: checks a bundle directory against a public key (and a pinned digest) with exactly
// the function the controller runs at start, and says what it found: the digest, or one line
// `<CODE>: <message>`. Prints import references and digests only, never bundle contents or keys.
import { resolve } from 'node:path';
import { OrkError, isOrkError } from '../../shared/errors.js';
import { parsePublicKeyPem, verifyBundle, type VerifiedBundle } from '../../shared/bundle/index.js';
import { parseFlags, requireFlag } from '../args.js';
import { readBundleDir, readKeyFile } from '../../controller/index.js';
import { OUTPUT_FLAGS, outputFormat, outputHelp, printOutput } from '../output.js';
import { EXIT, exitCodeFor } from '../exit.js';
import type { CliIO } from '../io.js';

const HELP = `usage: ork verify --bundle DIR --key PUBLIC.pem [--expected-digest sha256:…] [-o text|json|yaml]

Verifies DIR/bundle.json and DIR/bundle.sig.json: the DSSE signature against the public key, the
signed digest against bundle.json, and, when given, the pinned expected digest.

  --bundle DIR               the directory the resolver wrote
  --key PUBLIC.pem           the trusted ECDSA P-256 public key (SPKI PEM, from 'ork keygen')
  --expected-digest DIGEST   fail unless bundle.json has this sha256:… digest
${outputHelp(['text', 'json', 'yaml'], 'text')}
Exit codes: 0 verified; 2 usage, unreadable file or bad key; 4 integrity failure.
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  try {
    return await verify(argv, io);
  } catch (e) {
    if (!isOrkError(e)) throw e;
    // One line per failure, code first, so scripts and people read the same thing.
    io.stderr(`${e.code}: ${e.source ? `${e.source}: ` : ''}${e.message}\n`);
    return exitCodeFor(e.category);
  }
}

async function verify(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('verify', argv, {
    bundle: { type: 'string' },
    key: { type: 'string' },
    'expected-digest': { type: 'string' },
    ...OUTPUT_FLAGS,
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const format = outputFormat('verify', values, ['text', 'json', 'yaml'], 'text');
  const bundleDir = resolve(io.cwd, requireFlag('verify', 'bundle', values.bundle));
  const keyPath = resolve(io.cwd, requireFlag('verify', 'key', values.key));
  const expectedDigest = values['expected-digest'];
  if (expectedDigest !== undefined && expectedDigest === '') {
    throw new OrkError('USAGE', "--expected-digest needs a value (see 'ork verify --help')");
  }

  const publicKey = parsePublicKeyPem(await readKeyFile(keyPath), keyPath);
  const { bundleBytes, envelopeBytes } = await readBundleDir(bundleDir);
  const verified = verifyBundle({ bundleBytes, envelopeBytes, publicKey, expectedDigest });

  printOutput(io, format, summary(verified), () => `verified ${verified.digest}\n`);
  return EXIT.ok;
}

/** What is safe to show: identities and digests, not the Katalog, templates or CRD bodies. */
function summary(v: VerifiedBundle) {
  return {
    verified: true,
    digest: v.digest,
    keyid: v.keyid,
    schemaVersion: v.payload.schemaVersion,
    resolver: v.payload.resolver,
    katalog: v.payload.katalog.metadata.name,
    crds: v.payload.crds.map((c) => c.metadata.name),
    imports: v.payload.imports.map(({ ref, digest, size, mediaType }) => ({ ref, digest, size, mediaType })),
  };
}
