// The extra CA certificates for HTTPS imports (`--ca-file`, else $ORKESTRA_CA_FILE): read as a
// bounded regular file and checked up front, so a file holding no certificate is refused naming
// the flag instead of surfacing later as a TLS failure about an internal option.
import { X509Certificate } from 'node:crypto';
import { resolve } from 'node:path';
import { OrkError } from '../shared/errors.js';
import { describeReadFailure, readBounded } from '../platform/index.js';

/** A CA bundle is a few certificates; a system bundle with every public root is about 250 KiB. */
const MAX_CA_FILE_BYTES = 4 * 1024 * 1024;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The PEM text of the CA file, with at least one certificate and every certificate block valid. */
export async function readCaFile(path: string, cwd: string, fromFlag: boolean): Promise<string> {
  const named = fromFlag ? `--ca-file ${path}` : `$ORKESTRA_CA_FILE (${path})`;
  const read = await readBounded(resolve(cwd, path), MAX_CA_FILE_BYTES);
  if ('failure' in read) {
    throw new OrkError('USAGE', `cannot read the CA file given by ${named}: ${describeReadFailure(read.failure)}; pass a readable PEM file`, { source: path });
  }
  const text = read.bytes.toString('utf8');
  const problem = caBundleProblem(text);
  if (problem) throw new OrkError('USAGE', `${named} ${problem}; pass the PEM certificate(s) of the CA that issued the servers' certificates`, { source: path });
  return text;
}

/** Why a text is not a usable CA bundle, or undefined when it holds certificates only. Pure. */
export function caBundleProblem(text: string): string | undefined {
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) return 'holds no certificate (no -----BEGIN CERTIFICATE----- block)';
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      return `holds a certificate block (number ${i + 1}) that does not parse`;
    }
  }
  return undefined;
}
