// Reading one file a Katalog names (an include fragment or a Motif): relative to the declaring
// file, never a file already on the chain of files that led to it (a cycle), and bounded in size.
// Absolute paths and symbolic links out of the composition's root directory are refused; a
// relative path through `..` (upstream's shared `../motifs/` layout) is read with a warning.
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { readTextFile } from '../text-file.js';

export interface Chain {
  /** Real paths from the top Katalog down to the declaring file. */
  files: string[];
  /** Directory every file of the composition must lie in (the top Katalog's), unless outside paths are allowed. */
  root: string;
  allowOutside: boolean;
}

export type LocalRead = { file: string; text: string; outside?: string } | { problem: string };

const isInside = (base: string, path: string) => {
  const rel = relative(base, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/** `ref` as named in `declaring`, read; or why it may not be. */
export async function readLocal(ref: string, declaring: string, chain: Chain): Promise<LocalRead> {
  const lexical = resolve(dirname(declaring), ref);
  if (!chain.allowOutside && isAbsolute(ref) && !isInside(chain.root, lexical)) {
    return { problem: `${ref} is an absolute path outside ${chain.root}; name files relative to the Katalog, inside its directory` };
  }
  // Upstream reads any path; a relative one through `..` is read here too, and said so.
  const outside = !chain.allowOutside && !isInside(chain.root, lexical);
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(lexical), realpath(chain.root)]);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { problem: code === 'ENOENT' ? `${ref} does not exist (looked for ${lexical})` : `${ref} cannot be read (${code ?? String(e)})` };
  }
  if (!chain.allowOutside && !outside && !isInside(realRoot, real)) return { problem: `${ref} is a symbolic link to ${real}, outside ${chain.root}; files a Katalog names must stay inside its directory` };
  if (chain.files.includes(real)) {
    const names = [...chain.files.slice(chain.files.indexOf(real)), real].map((f) => relative(chain.root, f) || f);
    return { problem: `include cycle: ${names.join(' → ')}; a file cannot include or import itself, directly or through others` };
  }
  const read = await readTextFile(real);
  if ('issue' in read) return { problem: `${ref}: ${read.issue.message}` };
  if (!outside) return { file: real, text: read.text };
  return { file: real, text: read.text, outside: `${ref} lies outside ${chain.root} (through ..); it is read and packed into the bundle, as upstream does — keep the files a Katalog names in its directory to silence this` };
}
