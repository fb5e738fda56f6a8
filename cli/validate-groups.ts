// What `ork validate` checks together. Upstream's validate merges every -f file into one Katalog,
// as its run and template do, so an entry name in two files is an error and a dependsOn may name
// another file's entry; here too: the Katalog (and URL) files of all -f values, repeated or
// comma-separated, are checked as one merged Katalog (several-files.ts). Checked on their own, as
// before: a Motif (upstream validates a Motif alone, and then stops), and stdin (`-f -`), which a
// list of files cannot name.
import { resolve } from 'node:path';
import { LIMITS } from '../shared/limits.js';
import { readBounded } from '../platform/index.js';
import { isUrlInput } from './default-input.js';
import { STDIN_ARG } from './input-file.js';
import { fileList } from './several-files.js';

/** The -f values to check one by one: each alone, or a comma-joined list merged as one. */
export async function validateGroups(given: readonly string[], cwd: string): Promise<string[]> {
  const items = given.flatMap((value) => (value === STDIN_ARG ? [value] : fileList(value, 'validate')));
  const alone = await Promise.all(items.map(async (item) => item === STDIN_ARG || (await isMotif(item, cwd))));
  const merged = items.filter((_, i) => !alone[i]);
  const firstMerged = alone.indexOf(false);
  const groups: string[] = [];
  items.forEach((item, i) => {
    if (alone[i]) groups.push(item);
    else if (i === firstMerged) groups.push(merged.join(','));
  });
  return groups;
}

/** A local file whose first document says `kind: Motif` (unreadable files are reported by the merge). */
async function isMotif(file: string, cwd: string): Promise<boolean> {
  if (isUrlInput(file)) return false;
  const read = await readBounded(resolve(cwd, file), LIMITS.maxYamlBytes);
  if ('failure' in read) return false;
  return /^kind:[ \t]*["']?Motif["']?[ \t]*(#.*)?$/m.test(read.bytes.toString('utf8'));
}
