// The file a command's -f names, or stdin for `-f -` (as kubectl and helm read it). From stdin the
// text is read whole, bounded like a file, and placed in the working directory: relative crdFiles,
// includes and imports resolve against the directory the command runs in, and messages name it
// `<stdin>`. stdin can be read once, so a second `-f -` is refused.
import { resolve } from 'node:path';
import { OrkError } from '../shared/errors.js';
import type { InputFile } from './input.js';
import { LIMITS } from '../shared/limits.js';
import { describeReadFailure } from '../platform/index.js';
import { utf8Text } from '../resolver/index.js';
import type { CliIO } from './io.js';
import { isUrlInput, komposerForUrl } from './default-input.js';
import { fileList } from './several-files.js';
import { severalFilesInput } from './several-files-input.js';

export const STDIN_ARG = '-';
export const STDIN_LABEL = '<stdin>';

export type { InputFile } from './input.js';

/**
 * `given` (one -f value) as a file to read, stdin read now, a URL to import (default-input.ts), or
 * several files `a.yaml,b.yaml` to merge (several-files.ts).
 */
export async function inputFile(given: string, io: CliIO, command: string): Promise<InputFile> {
  const files = fileList(given, command);
  if (files.length > 1) return severalFilesInput(files, io);
  if (isUrlInput(given)) return { path: resolve(io.cwd, '<url>'), label: given, text: komposerForUrl(given) };
  if (given !== STDIN_ARG) return { path: resolve(io.cwd, given), label: given };
  return { path: resolve(io.cwd, STDIN_LABEL), label: STDIN_LABEL, text: await readStdinText(io, command) };
}

/** Refuses a second `-f -`: stdin is read once. */
export function checkOneStdin(files: readonly string[], command: string): void {
  if (files.filter((f) => f === STDIN_ARG).length > 1) {
    throw new OrkError('USAGE', `-f - (stdin) can be given once; pass the other files by path (see 'ork ${command} --help')`);
  }
}

async function readStdinText(io: CliIO, command: string): Promise<string> {
  if (!io.readStdin) throw new OrkError('USAGE', `ork ${command} has no stdin to read here; pass the file by path instead of -f -`);
  if (io.stdinIsTTY) io.stderr(`reading the ${command === 'template' ? 'Katalog' : 'Katalog or Komposer'} from stdin; end it with Ctrl-D\n`);
  const read = await io.readStdin(LIMITS.maxYamlBytes);
  if ('failure' in read) {
    const why = read.failure.reason === 'too-large' ? `it is larger than ${LIMITS.maxYamlBytes} bytes; a Katalog is far smaller — check what is piped in` : `it cannot be read: ${describeReadFailure(read.failure)}`;
    throw new OrkError('KATALOG_INVALID', `${STDIN_LABEL}: ${why}`, { source: STDIN_LABEL });
  }
  const text = utf8Text(read.bytes);
  if (text === undefined) throw new OrkError('KATALOG_INVALID', `${STDIN_LABEL}: not UTF-8 text; pipe in a YAML Katalog or Komposer`, { source: STDIN_LABEL });
  if (text.trim() === '') throw new OrkError('KATALOG_INVALID', `${STDIN_LABEL}: empty; pipe in a Katalog or Komposer (for example: cat katalog.yaml | ork ${command} -f -)`, { source: STDIN_LABEL });
  return text;
}
