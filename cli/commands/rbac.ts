// `ork rbac --bundle DIR`: prints the minimal ClusterRole (and Roles) a controller running this
// bundle needs — exactly what its start-up self-check asks the API server for. Offline: plurals
// the bundle does not name are guessed and said so on stderr. Reads the bundle unverified unless
// --key is given (the output is for review; the controller itself always verifies).
import { join, resolve } from 'node:path';
import { MAX_BUNDLE_BYTES, BUNDLE_FILE, parseBundlePayload, type BundlePayload } from '../../shared/bundle/index.js';
import { OrkError } from '../../shared/errors.js';
import { guessResource, manifestsYaml, rbacManifests, requiredPermissions, webhookPermissions, type GroupResource, type RbacObject } from '../../shared/rbac/index.js';
import { readFileOrThrow, loadVerifiedBundle, childKinds } from '../../controller/index.js';
import { parseFlags, requireFlag } from '../args.js';
import { OUTPUT_FLAGS, outputFormat, outputHelp } from '../output.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';

const HELP = `usage: ork rbac --bundle DIR [--key PUBLIC.pem] [--name NAME] [--namespace NS]
                [--service-account NAME] [--no-leader-election] [--publish] [--rollout-bundle] [--http-auth]
       ork rbac --bundle DIR --webhook INSTALL [--tls-secret NAME [--tls-secret-external]] [--namespace NS] ...

Prints the RBAC objects (YAML) a controller running the bundle needs: a ClusterRole for CRDs, the
custom resources, their children and Events; with --namespace, a Role in NS for the leader-election
Lease (and, with --publish, for annotating the controller's own Pod and Deployment).
With --webhook, what 'ork webhook --name INSTALL' needs instead: patch on its two webhook
configurations (created by the installer, e.g. the chart), patch on the CRDs it converts, its
certificate Secret in NS, and with --rollout-bundle its pod's resolver access.

  --bundle DIR              the directory the resolver wrote
  --key PUBLIC.pem          verify the bundle first (otherwise it is read unverified)
  --name NAME               name of every object (default: orkestra-<katalog name>)
  --namespace NS            the controller's namespace (Lease, digest publication, bindings)
  --service-account NAME    also print bindings for this ServiceAccount in NS
  --no-leader-election      leave out the Lease permissions
  --publish                 add Pod/Deployment/ReplicaSet access for digest publication
  --rollout-bundle          add the resolver's access for 'ork resolve --rollout-bundle' (its Pod, the bundle ConfigMap)
  --http-auth               add the access reviews '--http-auth kubernetes' makes for /metrics and /bundle
                            (of 'ork controller', or with --webhook of 'ork webhook')
  --webhook INSTALL         the webhook's permissions ('ork webhook --name INSTALL'), not the controller's
  --tls-secret NAME         with --webhook: its certificate Secret in NS (created and renewed by it)
  --tls-secret-external     with --webhook: that Secret is someone else's (cert-manager, your own); get only
${outputHelp(['yaml', 'json'], 'yaml')}                             json: a v1 List of the same objects
  -h, --help                show this help

Exit codes: 0 printed; 2 usage or unreadable bundle; 4 bundle fails verification.
`;

const FLAGS = {
  bundle: { type: 'string' },
  key: { type: 'string' },
  name: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  'service-account': { type: 'string' },
  'no-leader-election': { type: 'boolean' },
  publish: { type: 'boolean' },
  'rollout-bundle': { type: 'boolean' },
  'http-auth': { type: 'boolean' },
  webhook: { type: 'string' },
  'tls-secret': { type: 'string' },
  'tls-secret-external': { type: 'boolean' },
  ...OUTPUT_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('rbac', argv, FLAGS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const format = outputFormat('rbac', values, ['yaml', 'json'], 'yaml');
  const dir = resolve(io.cwd, requireFlag('rbac', 'bundle', values.bundle));
  const namespace = values.namespace;
  if (!namespace && (values['service-account'] || values.publish || values['rollout-bundle'])) {
    throw new OrkError('USAGE', `--service-account, --publish and --rollout-bundle need --namespace (see 'ork rbac --help')`);
  }
  if (!namespace && values['tls-secret']) throw new OrkError('USAGE', `--tls-secret needs --namespace (see 'ork rbac --help')`);
  if (values.webhook === undefined && (values['tls-secret'] || values['tls-secret-external'])) throw new OrkError('USAGE', `--tls-secret and --tls-secret-external go with --webhook (see 'ork rbac --help')`);
  const payload = await readPayload(dir, values.key === undefined ? undefined : resolve(io.cwd, values.key));
  const sa = values['service-account'];
  const binding = sa && namespace ? { serviceAccount: { namespace, name: sa } } : {};
  if (values.webhook !== undefined) {
    const secret = values['tls-secret'];
    const permissions = webhookPermissions({
      payload,
      name: values.webhook,
      ...(secret && namespace ? { tlsSecret: { namespace, name: secret, managed: !values['tls-secret-external'] } } : {}),
      ...(namespace && values['rollout-bundle'] ? { rolloutBundle: { namespace } } : {}),
      ...(values['http-auth'] ? { httpAuth: true } : {}),
    });
    print(io, format, rbacManifests(permissions, { name: values.name ?? `orkestra-${values.webhook}-webhook`, ...binding }));
    return EXIT.ok;
  }

  const guessed: string[] = [];
  const resourceOf = (apiVersion: string, kind: string): GroupResource => {
    const g = guessResource(apiVersion, kind);
    guessed.push(`${kind} (${apiVersion}) → ${g.resource}`);
    return g;
  };
  const { permissions } = requiredPermissions({
    payload,
    childKinds,
    resourceOf,
    ...(namespace && !values['no-leader-election'] ? { leaderElection: { namespace } } : {}),
    ...(namespace && values.publish ? { publish: { namespace } } : {}),
    ...(namespace && values['rollout-bundle'] ? { rolloutBundle: { namespace } } : {}),
    ...(values['http-auth'] ? { httpAuth: true } : {}),
  });
  const name = values.name ?? `orkestra-${payload.katalog.metadata.name}`;
  const objects = rbacManifests(permissions, { name, ...binding });
  for (const g of guessed) io.stderr(`warning: guessed the resource of ${g}; check it with 'kubectl api-resources'\n`);
  print(io, format, objects);
  return EXIT.ok;
}

function print(io: CliIO, format: string, objects: RbacObject[]): void {
  io.stdout(format === 'json' ? `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n` : manifestsYaml(objects));
}

async function readPayload(dir: string, key: string | undefined): Promise<BundlePayload> {
  if (key) return (await loadVerifiedBundle({ bundleDir: dir, publicKeyPath: key })).payload;
  const path = join(dir, BUNDLE_FILE);
  const bytes = await readFileOrThrow(path, MAX_BUNDLE_BYTES, (p, max) => new OrkError('MALFORMED_BUNDLE', `is larger than ${max} bytes; this is not a bundle the resolver wrote`, { source: p }));
  return parseBundlePayload(bytes, path);
}
