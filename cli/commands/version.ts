// `ork version` (also `ork --version`): the Orkestra release and the bundle format it reads and
// writes, so a user can tell which controller a bundle needs.
import { BUNDLE_SCHEMA_VERSION } from '../../shared/bundle/index.js';
import { ORKESTRA_VERSION } from '../../shared/version.js';
import { parseFlags } from '../args.js';
import { OUTPUT_FLAGS, outputFormat, outputHelp, printOutput } from '../output.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';

const HELP = `usage: ork version [-o text|json|yaml]

Prints the Orkestra version, the bundle format (schemaVersion) it reads and writes, and Node's version.

${outputHelp(['text', 'json', 'yaml'], 'text')}`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('version', argv, {
    ...OUTPUT_FLAGS,
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const info = { version: ORKESTRA_VERSION, bundleSchemaVersion: BUNDLE_SCHEMA_VERSION, node: process.versions.node };
  printOutput(io, outputFormat('version', values, ['text', 'json', 'yaml'], 'text'), info, () => `ork ${info.version} (bundle format ${info.bundleSchemaVersion}, node ${info.node})\n`);
  return EXIT.ok;
}
