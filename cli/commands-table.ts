// Every `ork` command: its one-line summary and how to load it (lazily, so each command imports
// only what it needs). Read by the dispatcher and by `ork completion`.
import type { CommandTable } from './io.js';
import { CONTROLLER_COMMAND } from './controller-command.js';

export const COMMANDS: CommandTable = {
  validate: { summary: 'check Katalog/Komposer files and report every problem', load: () => import('./commands/validate.js') },
  template: { summary: 'render the children a Katalog declares for a CR', load: () => import('./commands/template.js') },
  resolve: { summary: 'fetch all imports into a signed bundle', load: () => import('./commands/resolve.js') },
  lock: { summary: 'resolve imports and record their digests in a lock file', load: () => import('./commands/lock.js') },
  controller: CONTROLLER_COMMAND,
  webhook: { summary: 'verify a bundle, then serve its admission rules and CRD conversion over HTTPS (the webhook container)', load: () => import('./commands/webhook.js') },
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
