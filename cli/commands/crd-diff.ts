// `ork crd-diff OLD.yaml NEW.yaml [--json]`: the CRD evolution check of the controller, offline, for
// CI and code review. Prints every change (`BREAKING|warning|safe  <id>  <sentence>`) and a summary.
// Exit 0 when nothing is breaking, 6 when something is (a result, returned directly, not an error),
// 2 when an input cannot be read or is not a v1 CRD.
import { resolve } from 'node:path';
import { diffCrds, formatChange, formatSummary, summariseChanges } from '../../shared/crd-diff/index.js';
import { OrkError, type Issue } from '../../shared/errors.js';
import { parseYaml, validateCrdManifest } from '../../shared/katalog/index.js';
import { readTextFile } from '../../resolver/index.js';
import { parseFlags } from '../args.js';
import { OUTPUT_FLAGS, outputFormat, outputHelp, printOutput } from '../output.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';

const USAGE = `usage: ork crd-diff OLD.yaml NEW.yaml [-o text|json|yaml]

Compares two revisions of one CustomResourceDefinition (apiextensions.k8s.io/v1, YAML or JSON, one
document per file) and classifies every change as BREAKING, warning or safe, each with a stable id
that a Komposer can acknowledge in spec.crds.<name>.allowBreakingChanges (docs/crd-evolution.md).

The versions that hold stored objects are read from OLD's status.storedVersions (save OLD with
'kubectl get crd NAME -o yaml'); without a status, OLD's storage version is assumed.

exit status: 0 nothing breaking, 6 at least one breaking change (docs/cli.md), 2 unreadable or invalid input

flags:
${outputHelp(['text', 'json', 'yaml'], 'text')}                             json/yaml: {"breaking": n, "warnings": n, "safe": n, "changes": [...]}
  -h, --help                 show this help
`;

/** Exit status when the comparison found a breaking change. */

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(
    'crd-diff',
    argv,
    { ...OUTPUT_FLAGS, help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 2) {
    throw new OrkError('USAGE', `give two CRD files, OLD and NEW (got ${positionals.length}); see 'ork crd-diff --help'`);
  }
  const format = outputFormat('crd-diff', values, ['text', 'json', 'yaml'], 'text');
  const [oldFile, newFile] = positionals as [string, string];
  const old = await loadCrd(oldFile, io.cwd);
  const neu = await loadCrd(newFile, io.cwd);
  if (old.name !== neu.name) {
    throw new OrkError('CRD_INVALID', `${oldFile} defines the CRD ${old.name} but ${newFile} defines ${neu.name}: give two revisions of the same CRD`);
  }

  const changes = diffCrds(old.manifest, neu.manifest);
  const summary = summariseChanges(changes);
  if (format !== 'text') {
    printOutput(io, format, { ...summary, changes }, () => '');
  } else {
    for (const change of changes) io.stdout(`${formatChange(change)}\n`);
    io.stdout(`${old.name}: ${formatSummary(summary)}\n`);
    if (summary.breaking > 0) {
      io.stderr(`ork crd-diff: ${summary.breaking} breaking change(s); to ship them anyway, list their ids under spec.crds.<name>.allowBreakingChanges in the Komposer\n`);
    }
  }
  return summary.breaking > 0 ? EXIT.breaking : EXIT.ok;
}

/** One CRD manifest from a file, checked like `ork validate` checks a crdFile. */
async function loadCrd(file: string, cwd: string): Promise<{ name: string; manifest: Record<string, unknown> }> {
  const read = await readTextFile(resolve(cwd, file));
  if ('issue' in read) {
    throw new OrkError('FILE_UNREADABLE', read.issue.message, { issues: [{ ...read.issue, file }] });
  }
  const { documents, issues } = parseYaml(read.text, file);
  const errors = issues.filter((i) => i.severity !== 'warning');
  if (errors.length > 0) throw new OrkError('YAML_SYNTAX', `${file} is not valid YAML`, { issues: errors });
  if (documents.length !== 1) {
    const message = documents.length === 0 ? 'the file is empty; expected one CustomResourceDefinition' : `expected one CustomResourceDefinition per file, found ${documents.length} documents`;
    throw invalid([{ file, path: '', line: 1, col: 1, message }]);
  }
  const { value, locate } = documents[0]!;
  const problems = validateCrdManifest(value, { file, path: '' }, locate);
  // Another kind of object fails every check; its apiVersion and kind say enough.
  const identity = problems.filter((p) => p.path === 'apiVersion' || p.path === 'kind');
  if (problems.length > 0) throw invalid(identity.length > 0 ? identity : problems);
  const manifest = value as Record<string, unknown>;
  return { name: String((manifest.metadata as Record<string, unknown>).name), manifest };
}

function invalid(issues: Issue[]): OrkError {
  return new OrkError('CRD_INVALID', 'not a valid apiextensions.k8s.io/v1 CustomResourceDefinition', { issues });
}
