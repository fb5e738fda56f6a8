// Reading a Katalog, CRD, Motif or include file as text: a regular file of at most the YAML size
// limit, UTF-8 (a byte-order mark dropped). Never throws: a problem is an issue naming the file.
import type { Issue } from '../shared/errors.js';
import { LIMITS } from '../shared/limits.js';
import { describeReadFailure, readBounded } from '../platform/index.js';

/** The file as UTF-8 text, reading at most the YAML size limit; only a regular file is read. */
export async function readTextFile(path: string): Promise<{ text: string } | { issue: Issue }> {
  const fail = (message: string): { issue: Issue } => ({ issue: { file: path, path: '', message } });
  const read = await readBounded(path, LIMITS.maxYamlBytes);
  if ('failure' in read) {
    if (read.failure.reason === 'too-large') {
      return fail(`file is larger than ${LIMITS.maxYamlBytes} bytes; a Katalog or CRD file is far smaller — check that this is the right file`);
    }
    return fail(`cannot read the file: ${describeReadFailure(read.failure)}`);
  }
  const text = utf8Text(read.bytes);
  return text === undefined ? fail('not a UTF-8 text file') : { text };
}

/** Bytes as UTF-8 text with a byte-order mark dropped, or undefined when they are not UTF-8. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
