// A scratch directory of CLI inputs for the tests of bad input files (test/cli/ca-file.test.ts,
// special-files.test.ts): a Katalog, a signing key, a FIFO, a Komposer importing each, and CA
// files that hold no usable certificate; and `ork` run in process in that directory.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCommand } from '../../cli/dispatch.js';
import { generateSigningKeyPair } from '../../shared/bundle/keys.js';
import { captureIO } from '../support/io.js';
import { tempDir } from '../support/tools.js';

const KATALOG = 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: k}\nspec:\n  crds:\n    web:\n      apiTypes: {group: web.example.org, version: v1, kind: Site, plural: sites}\n';

export function inputFilesDir(hint: string): string {
  const dir = tempDir(hint);
  execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
  writeFileSync(join(dir, 'katalog.yaml'), KATALOG);
  writeFileSync(join(dir, 'key.pem'), generateSigningKeyPair().privateKeyPem);
  const komposer = (name: string, path: string) =>
    writeFileSync(join(dir, name), stringify({ apiVersion: 'orkestra.orkspace.io/v1', kind: 'Komposer', metadata: { name: 'k' }, imports: { files: [path] }, spec: { crds: {} } }));
  komposer('fifo-import.komposer.yaml', './fifo.yaml');
  komposer('good.komposer.yaml', './katalog.yaml');
  writeFileSync(join(dir, 'empty.pem'), '');
  writeFileSync(join(dir, 'garbage.pem'), 'not a certificate\n');
  writeFileSync(join(dir, 'broken.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  return dir;
}

/** `ork ARGV` in process with `dir` as its working directory: exit code, output and duration. */
export async function orkIn(dir: string, argv: string[], env: Record<string, string> = {}) {
  const io = captureIO({ cwd: dir, env });
  const started = performance.now();
  const code = await runCommand(argv, io);
  return { code, err: io.err, out: io.out, ms: performance.now() - started };
}
