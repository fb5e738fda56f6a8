// `ork validate -f FILE [-f FILE…]`: checks Katalog/Komposer files and the local CRD files they
// name, prints `FILE: valid` for each good one and every problem (one per line, `file:line:col:
// path: message`) for the rest. Several Katalogs are checked merged, as upstream does
// (validate-groups.ts). Exit 0 when all are valid, 2 otherwise.
import { OrkError, formatIssue, type Issue } from '../../shared/errors.js';
import { parseFlags } from '../args.js';
import { OUTPUT_FLAGS, outputFormat, outputHelp, printOutput } from '../output.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';
import { inputOrDefault } from '../default-input.js';
import { checkOneStdin, inputFile } from '../input-file.js';
import { KOMPOSER_INPUT_FLAGS, KOMPOSER_INPUT_HELP, loadKatalogInput } from '../katalog-input.js';
import { validateGroups } from '../validate-groups.js';

const USAGE = `usage: ork validate [-f FILE [-f FILE…]]

Checks Katalog and Komposer files against the format (docs/katalog.md) and reports every problem
with its file:line:col. Local crdFiles are read and checked too; a Katalog's remote ones are left
to 'ork resolve'. A Komposer is checked with its imports merged, as 'ork resolve' merges them; a
remote import, crdFile or OCI Motif that cannot be fetched (unreachable, timeout, 401/403/404) is
a warning, its contents unchecked, where 'ork resolve' fails. Each fetch is tried once (3 s to
connect, 10 s per answer).

flags:
  -f, --file FILE            a Katalog, Komposer or Motif file (repeatable); - reads one from stdin;
                             an https URL is fetched once, as a Komposer's file import; left out:
                             katalog.yaml, else komposer.yaml, in the working directory; several
                             Katalogs (-f a -f b, or -f a,b) are checked merged, as 'ork run' merges
                             them (an entry name in two of them is an error); a Motif and stdin alone
${outputHelp(['text', 'json', 'yaml'], 'text')}                             json/yaml: {files: [{file, valid, problems, warnings}]}; problems still exit 2
${KOMPOSER_INPUT_HELP}
  -h, --help                 show this help
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('validate', argv, {
    ...KOMPOSER_INPUT_FLAGS,
    file: { type: 'string', short: 'f', multiple: true },
    ...OUTPUT_FLAGS,
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const given = values.file?.length ? values.file : [inputOrDefault(undefined, io.cwd, 'validate')];

  const format = outputFormat('validate', values, ['text', 'json', 'yaml'], 'text');
  const problems: Issue[] = [];
  const report: { file: string; valid: boolean; problems: Issue[]; warnings: Issue[] }[] = [];
  checkOneStdin(given, 'validate');
  for (const group of await validateGroups(given, io.cwd)) {
    const input = await inputFile(group, io, 'validate');
    const file = input.label;
    const { issues } = await loadKatalogInput(input, values, io, 'validate');
    const errors = issues.filter((i) => i.severity !== 'warning');
    const warnings = issues.filter((i) => i.severity === 'warning');
    report.push({ file, valid: errors.length === 0, problems: errors, warnings });
    if (format === 'text') {
      for (const warning of warnings) io.stderr(`${formatIssue(warning)}\n`);
      if (errors.length === 0) io.stdout(`${file}: valid\n`);
    }
    problems.push(...errors);
  }
  if (format !== 'text') printOutput(io, format, { files: report }, () => '');
  if (problems.length > 0) {
    const count = new Set(problems.map((p) => p.file)).size;
    throw new OrkError('KATALOG_INVALID', `${problems.length} problem(s) in ${count} file(s)`, { issues: problems });
  }
  return EXIT.ok;
}
