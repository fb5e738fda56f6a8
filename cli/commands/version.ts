// `ork version` (also `ork --version`): the Orkestra release and the bundle format it reads and
// writes, so a user can tell which controller a bundle needs.
import { BUNDLE_SCHEMA_VERSION } from '../../shared/bundle/payload.js';
import { ORKESTRA_VERSION } from '../../shared/version.js';
import { parseFlags } from '../args.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';

const HELP = `usage: ork version [-o text|json]

Prints the Orkestra version, the bundle format (schemaVersion) it reads and writes, and Node's version.

  -o, --output text|json   default text
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('version', argv, {
    output: { type: 'string', short: 'o', default: 'text' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const info = { version: ORKESTRA_VERSION, bundleSchemaVersion: BUNDLE_SCHEMA_VERSION, node: process.versions.node };
  if (values.output === 'json') io.stdout(`${JSON.stringify(info, null, 2)}\n`);
  else if (values.output === 'text') io.stdout(`ork ${info.version} (bundle format ${info.bundleSchemaVersion}, node ${info.node})\n`);
  else {
    io.stderr(`-o must be text or json, not ${JSON.stringify(values.output)} (see 'ork version --help')\n`);
    return EXIT.config;
  }
  return EXIT.ok;
}
