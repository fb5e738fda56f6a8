// Maps `ork <command>` to its module (loaded lazily so each command imports only what it needs)
// and maps any error it throws to stderr lines and an exit code.
import { OrkError, describeError, isOrkError } from '../shared/errors.js';
import { EXIT, exitCodeFor } from './exit.js';
import type { CliIO, Command } from './io.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  validate: { summary: 'check Katalog/Komposer files and report every problem', load: () => import('./commands/validate.js') },
  template: { summary: 'render the children a Katalog declares for a CR', load: () => import('./commands/template.js') },
  resolve: { summary: 'fetch all imports into a signed bundle', load: () => import('./commands/resolve.js') },
  lock: { summary: 'resolve imports and record their digests in a lock file', load: () => import('./commands/lock.js') },
  controller: { summary: 'verify a bundle, then reconcile its custom resources (the controller container)', load: () => import('./commands/controller.js') },
  run: { summary: 'resolve a Komposer and run the controller locally against the current kubeconfig', load: () => import('./commands/run.js') },
  verify: { summary: 'verify a bundle against a public key', load: () => import('./commands/verify.js') },
  keygen: { summary: 'create an ECDSA P-256 key pair for signing bundles', load: () => import('./commands/keygen.js') },
  'crd-diff': { summary: 'classify the changes between two revisions of a CRD as breaking, warning or safe', load: () => import('./commands/crd-diff.js') },
  audit: { summary: 'list the controller replicas with their revision, bundle digest and leader; detect a split brain', load: () => import('./commands/audit.js') },
  rbac: { summary: 'print the minimal ClusterRole (and Roles) a controller running a bundle needs', load: () => import('./commands/rbac.js') },
  plan: { summary: 'show what deploying a bundle would change on the cluster (CRDs, RBAC, children), read-only', load: () => import('./commands/plan.js') },
  version: { summary: 'print the Orkestra version and the bundle format it reads and writes', load: () => import('./commands/version.js') },
  completion: { summary: 'print a shell completion script (bash, zsh or fish)', load: () => import('./commands/completion.js') },
};

/** The command table, for completion scripts. */
export function commandTable(): Readonly<typeof COMMANDS> {
  return COMMANDS;
}

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: ork <command> [flags]\n\ncommands:\n${lines.join('\n')}\n\nRun 'ork <command> --help' for a command's flags.\n`;
}

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  const name = first === '--version' || first === '-v' ? 'version' : first;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? EXIT.config : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`ork: unknown command '${name}'\n${usage()}`);
    return EXIT.config;
  }
  try {
    const { run } = await command.load();
    return await run(rest, io);
  } catch (e) {
    return reportError(name, e, io);
  }
}

function reportError(command: string, e: unknown, io: CliIO): number {
  if (isOrkError(e)) {
    for (const line of describeError(e)) io.stderr(`${line}\n`);
    io.stderr(`ork ${command}: ${e.code}\n`);
    return exitCodeFor(e.category);
  }
  const internal = new OrkError('INTERNAL', e instanceof Error ? e.message : String(e));
  io.stderr(`ork ${command}: internal error: ${internal.message} (please report this)\n`);
  return EXIT.internal;
}
