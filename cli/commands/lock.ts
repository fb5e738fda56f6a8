// `ork lock`: resolves a Komposer (no key needed) and writes a lock file with every import's
// resolved digest and the bundle digest, for `ork resolve --lock` and for review in Git.
import { resolve as resolvePath } from 'node:path';
import { writeLock } from '../../resolver/index.js';
import { parseFlags } from '../args.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';
import { progressPrinter } from '../progress.js';
import { isUrlInput } from '../default-input.js';
import { RESOLVE_FLAGS, RESOLVE_FLAGS_HELP, resolveOptionsFrom } from '../resolve-flags.js';

const HELP = `usage: ork lock [-f KOMPOSER] [--out FILE]

Resolves every import and writes their resolved digests and the bundle digest to FILE
(default: orkestra.lock.json beside the Komposer). Commit it; 'ork resolve --lock FILE' then
fails, naming the source and both digests, if anything changed.

${RESOLVE_FLAGS_HELP}
  --out FILE                 where to write the lock (default orkestra.lock.json beside KOMPOSER)
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('lock', argv, { ...RESOLVE_FLAGS, out: { type: 'string' } });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const options = await resolveOptionsFrom('lock', values, io);
  if (io.isTTY) options.onEvent = progressPrinter((text) => io.stderr(text));
  // Beside the Komposer; for -f URL (nowhere on disk) in the working directory.
  const beside = isUrlInput(options.komposer) ? io.cwd : resolvePath(resolvePath(io.cwd, options.komposer), '..');
  const out = resolvePath(io.cwd, values.out ?? resolvePath(beside, 'orkestra.lock.json'));
  const { digest } = await writeLock(options, out);
  io.stdout(`${digest}\n`);
  return EXIT.ok;
}
