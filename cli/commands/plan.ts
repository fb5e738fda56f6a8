// `ork plan`: what deploying a bundle would do to the current cluster — CRD changes judged by the
// controller's guard, RBAC needed vs granted, and per existing CR the children created, updated
// (field diff from a server-side dry-run) or pruned. Reads only. Exit 0 no change, 3 changes, 1 on
// any error (unlike other commands, every error is 1, so CI can tell "changes" from "broken").
import { join, resolve } from 'node:path';
import { canonicalJsonBytes, digestOf, BUNDLE_FILE, MAX_BUNDLE_BYTES, parseBundlePayload, type BundlePayload } from '../../shared/bundle/index.js';
import { OrkError, formatIssue } from '../../shared/errors.js';
import { formatPlanText, type PlanBundle } from '../../shared/plan/index.js';
import { readFileOrThrow, loadVerifiedBundle, DEFAULT_MAX_CRS, planCluster } from '../../controller/index.js';
import { createKubeClient } from '../kube/index.js';
import { asOrkError } from '../../shared/kube/index.js';
import { resolveKomposer } from '../../resolver/index.js';
import { parseFlags } from '../args.js';
import { OUTPUT_FLAGS, outputFormat, outputHelp, printOutput } from '../output.js';
import { FAILURE_POLICIES, type FailurePolicy } from '../../shared/admission/index.js';
import { KUBE_FLAGS, KUBE_FLAGS_HELP, kubeConfigFromFlags } from '../kube-flags.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';
import { RESOLVE_FLAGS, RESOLVE_FLAGS_HELP, resolveOptionsFrom } from '../resolve-flags.js';

const HELP = `usage: ork plan ([-f KOMPOSER] | --bundle DIR [--key PUBLIC.pem]) [--kubeconfig FILE] [flags]

Shows what deploying the bundle would change on the cluster, without changing anything:
  CRDs      each bundle CRD against the cluster's copy: new, unchanged, or every change with its
            id and severity, breaking ones marked acknowledged or not (as the controller's guard
            decides); CRDs Orkestra applied that the bundle dropped (never deleted)
  RBAC      the permissions the controller needs vs the ones granted
  children  for every existing CR: children to create, update (field diff from a server-side
            dry-run) or prune, as the controller would reconcile it
Every write is a dry run (dryRun=All). -f resolves the Komposer in memory (nothing written, no key).

${RESOLVE_FLAGS_HELP}
  --bundle DIR               plan a resolved bundle instead of a Komposer
  --key PUBLIC.pem           verify the bundle first (otherwise it is read unverified)
${KUBE_FLAGS_HELP}  -n, --namespace NS         the controller's namespace: its Lease (and --publish, --rollout-bundle) permissions
  --no-leader-election       leave out the Lease permissions
  --publish                  include the digest-publication permissions
  --rollout-bundle           include the resolver's rollout-bundle permissions
  --service-account NS/NAME  check RBAC for this service account (SubjectAccessReview); default: yourself
  --max-crs N                plan at most N custom resources in all (default ${DEFAULT_MAX_CRS})
  --webhook NAME             also compare the webhook's configurations orkestra-NAME ('ork webhook --name NAME';
                             the chart's NAME is its fullname); CRD conversion is always planned
  --webhook-failure-policy P the webhook's failurePolicy, Fail (default) or Ignore
${outputHelp(['text', 'json', 'yaml'], 'text')}                             json/yaml: apiVersion orkestra.orkspace.io/plan/v1 (docs/plan.md)
  --no-color                 no colour (also when NO_COLOR is set or stdout is not a terminal)

exit status (docs/cli.md): 0 nothing would change, 5 changes present, 2 bad input,
3 cluster or source unreachable, 4 integrity, 1 internal error
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  try {
    return await plan(argv, io);
  } catch (caught) {
    throw asOrkError(caught);
  }
}

async function plan(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('plan', argv, {
    ...RESOLVE_FLAGS,
    bundle: { type: 'string' },
    key: { type: 'string' },
    ...KUBE_FLAGS,
    namespace: { type: 'string', short: 'n' },
    'no-leader-election': { type: 'boolean', default: false },
    publish: { type: 'boolean', default: false },
    'rollout-bundle': { type: 'boolean', default: false },
    'service-account': { type: 'string' },
    'max-crs': { type: 'string' },
    webhook: { type: 'string' },
    'webhook-failure-policy': { type: 'string', default: 'Fail' },
    ...OUTPUT_FLAGS,
    'no-color': { type: 'boolean', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (values.file !== undefined && values.bundle !== undefined) {
    throw new OrkError('USAGE', `give either -f KOMPOSER or --bundle DIR, not both (see 'ork plan --help')`);
  }
  if (values.key !== undefined && values.bundle === undefined) throw new OrkError('USAGE', `--key verifies a --bundle; -f resolves in memory and needs none (see 'ork plan --help')`);
  if (!values.namespace && (values.publish || values['rollout-bundle'])) {
    throw new OrkError('USAGE', `--publish and --rollout-bundle need --namespace, the controller's namespace (see 'ork plan --help')`);
  }
  const format = outputFormat('plan', values, ['text', 'json', 'yaml'], 'text');
  const serviceAccount = values['service-account'] === undefined ? undefined : parseServiceAccount(values['service-account']);
  const maxCrs = values['max-crs'] === undefined ? DEFAULT_MAX_CRS : Number(values['max-crs']);
  if (!Number.isInteger(maxCrs) || maxCrs < 0) throw new OrkError('USAGE', `--max-crs must be a whole number, 0 or more (see 'ork plan --help')`);
  const failurePolicy = values['webhook-failure-policy'] ?? 'Fail';
  if (!(FAILURE_POLICIES as readonly string[]).includes(failurePolicy)) throw new OrkError('USAGE', `--webhook-failure-policy must be Fail or Ignore, not ${JSON.stringify(failurePolicy)} (see 'ork plan --help')`);

  const { payload, bundle } = values.bundle === undefined ? await resolveInMemory(values, io) : await readBundle(resolve(io.cwd, values.bundle!), values.key === undefined ? undefined : resolve(io.cwd, values.key));

  const kubeConfig = kubeConfigFromFlags(values, io);
  const kube = createKubeClient(kubeConfig, { userAgent: 'orkestra-plan' });
  try {
    const result = await planCluster(kube, {
      payload,
      bundle,
      server: kubeConfig.server,
      kubeConfig,
      ...(values.namespace ? { namespace: values.namespace } : {}),
      leaderElection: !values['no-leader-election'],
      publish: values.publish === true,
      rolloutBundle: values['rollout-bundle'] === true,
      ...(serviceAccount ? { serviceAccount } : {}),
      maxCrs,
      ...(values.webhook ? { webhook: { name: values.webhook, failurePolicy: failurePolicy as FailurePolicy } } : {}),
    });
    printOutput(io, format, result, () => formatPlanText(result, { colour: io.isTTY && !values['no-color'] && !io.env.NO_COLOR }));
    return result.changes ? EXIT.changes : EXIT.ok;
  } finally {
    await kube.close();
  }
}

function parseServiceAccount(text: string): { namespace: string; name: string } {
  const parts = text.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new OrkError('USAGE', `--service-account must be NAMESPACE/NAME, e.g. orkestra-system/orkestra (got '${text}')`);
  return { namespace: parts[0], name: parts[1] };
}

type Values = Parameters<typeof resolveOptionsFrom>[1];

async function resolveInMemory(values: Values, io: CliIO): Promise<{ payload: BundlePayload; bundle: PlanBundle }> {
  const resolution = await resolveKomposer(await resolveOptionsFrom('plan', values, io));
  for (const w of resolution.warnings) io.stderr(`${formatIssue({ ...w, severity: 'warning' })}\n`);
  const { payload } = resolution;
  return { payload, bundle: { source: 'komposer', digest: digestOf(canonicalJsonBytes(payload)), verified: false, katalog: payload.katalog.metadata.name } };
}

async function readBundle(dir: string, key: string | undefined): Promise<{ payload: BundlePayload; bundle: PlanBundle }> {
  if (key) {
    const verified = await loadVerifiedBundle({ bundleDir: dir, publicKeyPath: key });
    return { payload: verified.payload, bundle: { source: 'bundle', digest: verified.digest, verified: true, katalog: verified.payload.katalog.metadata.name } };
  }
  const path = join(dir, BUNDLE_FILE);
  const bytes = await readFileOrThrow(path, MAX_BUNDLE_BYTES, (p, max) => new OrkError('MALFORMED_BUNDLE', `is larger than ${max} bytes; this is not a bundle the resolver wrote`, { source: p }));
  const payload = parseBundlePayload(bytes, path);
  return { payload, bundle: { source: 'bundle', digest: digestOf(bytes), verified: false, katalog: payload.katalog.metadata.name } };
}
