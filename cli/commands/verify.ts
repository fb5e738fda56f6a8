// `ork verify`: checks a bundle directory against a public key (a pinned digest, the configuration
// it must be bound to, a maximum age) with exactly the function the controller runs at start, and
// says what it found: the digest, or one line
// `<CODE>: <message>`. Prints import references and digests only, never bundle contents or keys.
import { resolve } from 'node:path';
import { OrkError, isOrkError } from '../../shared/errors.js';
import { parseConfigChecksum, parsePublicKeyPem, verifyBundle, type VerifiedBundle } from '../../shared/bundle/index.js';
import { parseDuration } from '../../shared/katalog/index.js';
import { parseFlags, requireFlag } from '../args.js';
import { readBundleDir, readKeyFile } from '../../controller/index.js';
import { OUTPUT_FLAGS, outputFormat, outputHelp, printOutput } from '../output.js';
import { EXIT, exitCodeFor } from '../exit.js';
import type { CliIO } from '../io.js';

const HELP = `usage: ork verify --bundle DIR --key PUBLIC.pem [--expected-digest sha256:…] [--config-checksum SUM] [--max-age D] [-o text|json|yaml]

Verifies DIR/bundle.json and DIR/bundle.sig.json: the DSSE signature against the public key, the
signed digest against bundle.json, and, when given, the pinned expected digest, the configuration
the bundle was resolved for and its age.

  --bundle DIR               the directory the resolver wrote
  --key PUBLIC.pem           the trusted ECDSA P-256 public key (SPKI PEM, from 'ork keygen')
  --expected-digest DIGEST   fail unless bundle.json has this sha256:… digest
  --config-checksum SUM      fail unless the bundle was signed for this configuration checksum
  --max-age D                fail if the bundle was signed longer ago than D (e.g. 24h)
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
    'config-checksum': { type: 'string' },
    'max-age': { type: 'string' },
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

  const configChecksum = values['config-checksum'] === undefined ? undefined : parseConfigChecksum(values['config-checksum'], '--config-checksum');
  const maxAgeMs = values['max-age'] === undefined ? undefined : parseDuration(values['max-age'].trim());
  if (maxAgeMs !== undefined && maxAgeMs <= 0) throw new OrkError('USAGE', "--max-age must be a positive duration such as 24h or 90m (see 'ork verify --help')");
  if (values['max-age'] !== undefined && maxAgeMs === undefined) throw new OrkError('USAGE', "--max-age must be a duration such as 24h or 90m (see 'ork verify --help')");

  const publicKey = parsePublicKeyPem(await readKeyFile(keyPath), keyPath);
  const { bundleBytes, envelopeBytes } = await readBundleDir(bundleDir);
  const verified = verifyBundle({ bundleBytes, envelopeBytes, publicKey, expectedDigest, configChecksum, maxAgeMs, now: new Date() });

  printOutput(io, format, summary(verified), () => `verified ${verified.digest}\n`);
  return EXIT.ok;
}

/** What is safe to show: identities and digests, not the Katalog, templates or CRD bodies. */
function summary(v: VerifiedBundle) {
  return {
    verified: true,
    digest: v.digest,
    keyid: v.keyid,
    configChecksum: v.configChecksum ?? null,
    issuedAt: v.issuedAt ?? null,
    schemaVersion: v.payload.schemaVersion,
    resolver: v.payload.resolver,
    katalog: v.payload.katalog.metadata.name,
    crds: v.payload.crds.map((c) => c.metadata.name),
    imports: v.payload.imports.map(({ ref, digest, size, mediaType }) => ({ ref, digest, size, mediaType })),
  };
}
