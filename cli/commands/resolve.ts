// `ork resolve`: the init container's job, also run by people and CI. Komposer in, signed bundle
// out (atomically), or a one-line reason and an exit code by category — with the termination
// message file written for Kubernetes. Thin: flags in, resolver/run.ts does the work, lines out.
import { resolve as resolvePath } from 'node:path';
import { OrkError, describeError } from '../../shared/errors.js';
import { parseConfigChecksum } from '../../shared/bundle/index.js';
import { parseDuration } from '../../shared/katalog/index.js';
import { resolveToDirectory, describeRollout, type ResolveRunResult } from '../../resolver/index.js';
import { createKubeClient } from '../kube/index.js';
import { parseFlags, requireFlag } from '../args.js';
import { OUTPUT_FLAGS, outputFormat, outputHelp, printOutput } from '../output.js';
import { KUBE_FLAGS, kubeConfigFromFlags } from '../kube-flags.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';
import { progressPrinter } from '../progress.js';
import { writeTerminationMessage } from '../termination.js';
import { RESOLVE_FLAGS, RESOLVE_FLAGS_HELP, resolveOptionsFrom } from '../resolve-flags.js';

const HELP = `usage: ork resolve [-f KOMPOSER] --out DIR --key PRIVATE.pem [--lock FILE] [-o text|json|yaml] [flags]

Fetches every import of the Komposer once, checks pins and digests, validates each Katalog and the
merged whole, and writes DIR/bundle.json + DIR/bundle.sig.json atomically, signed with the key.
Prints the bundle digest last. On failure DIR holds no bundle.

${RESOLVE_FLAGS_HELP}
  --out DIR                  where to write the bundle
  --key PRIVATE.pem          ECDSA P-256 private key (from 'ork keygen')
  --lock FILE                fail if any import or the bundle differs from this lock ('ork lock')
${outputHelp(['text', 'json', 'yaml'], 'text')}  --termination-message-path FILE   write the one-line reason here on failure (Kubernetes)
  --config-checksum SUM      sign the checksum of the configuration this pod runs into the bundle
                             (the chart passes checksum/komposer); with --rollout-bundle, a published
                             bundle resolved for another configuration is refused (replay)
  --rollout-bundle           one bundle per ReplicaSet: reuse the bundle its first pod published in
                             ConfigMap orkestra-bundle-<replicaset> (verified with the key's public
                             half; no import is fetched), else resolve and publish it there
  --rollout-bundle-max-age D refuse to reuse a published bundle signed longer ago than D (e.g. 720h)
  --pod-name NAME            this pod (else $POD_NAME), for --rollout-bundle
  --pod-namespace NS         its namespace (else $POD_NAMESPACE), for --rollout-bundle
  --kubeconfig FILE          for --rollout-bundle outside a cluster (else $KUBECONFIG, in-cluster)
  --context NAME             with --kubeconfig: the context to use (default: its current-context)

Exit codes: 0 ok; 1 internal; 2 configuration or validation; 3 fetch or auth; 4 integrity.
`;

const FLAGS = {
  ...RESOLVE_FLAGS,
  out: { type: 'string' },
  key: { type: 'string' },
  lock: { type: 'string' },
  ...OUTPUT_FLAGS,
  'termination-message-path': { type: 'string' },
  'config-checksum': { type: 'string' },
  'rollout-bundle': { type: 'boolean', default: false },
  'rollout-bundle-max-age': { type: 'string' },
  'pod-name': { type: 'string' },
  'pod-namespace': { type: 'string' },
  ...KUBE_FLAGS,
} as const;

export async function run(argv: string[], io: CliIO): Promise<number> {
  let terminationPath: string | undefined;
  try {
    const { values } = parseFlags('resolve', argv, FLAGS);
    if (values.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    terminationPath = values['termination-message-path'] && resolvePath(io.cwd, values['termination-message-path']);
    return await resolveAndWrite(values, io);
  } catch (e) {
    if (terminationPath) await writeTerminationMessage(terminationPath, e);
    throw e;
  }
}

async function resolveAndWrite(values: Record<string, string | string[] | boolean | undefined>, io: CliIO): Promise<number> {
  const out = resolvePath(io.cwd, requireFlag('resolve', 'out', values.out as string | undefined));
  const keyPath = resolvePath(io.cwd, requireFlag('resolve', 'key', values.key as string | undefined));
  const lockName = typeof values.lock === 'string' ? values.lock : undefined;
  const format = outputFormat('resolve', values as { output?: string; json?: boolean }, ['text', 'json', 'yaml'], 'text');
  const configChecksum = typeof values['config-checksum'] === 'string' ? parseConfigChecksum(values['config-checksum'], '--config-checksum') : undefined;
  const maxAgeMs = rolloutMaxAge(values);
  const rollout = values['rollout-bundle'] ? { ...rolloutTarget(values, io), ...(maxAgeMs !== undefined ? { maxAgeMs } : {}) } : undefined;
  try {
    const options = async () => {
      const options = await resolveOptionsFrom('resolve', values, io);
      if (io.isTTY && format === 'text' && !rollout) options.onEvent = progressPrinter((text) => io.stderr(text));
      return options;
    };
    const result = await resolveToDirectory({
      options,
      out,
      keyPath,
      ...(lockName !== undefined ? { lockPath: resolvePath(io.cwd, lockName), lockName } : {}),
      onWarning: (warning) => io.stderr(`${describeError(new OrkError('KATALOG_INVALID', '', { issues: [warning] }))[0]}\n`),
      ...(rollout ? { rollout } : {}),
      ...(configChecksum !== undefined ? { configChecksum } : {}),
    });
    if (result.rollout) io.stderr(describeRollout(result.rollout));
    printOutput(io, format, summary(result, out), () => `${result.digest}\n`);
    return EXIT.ok;
  } finally {
    await rollout?.kube.close();
  }
}

/** --rollout-bundle-max-age in milliseconds; only meaningful (and only accepted) with --rollout-bundle. */
function rolloutMaxAge(values: Record<string, string | string[] | boolean | undefined>): number | undefined {
  const text = values['rollout-bundle-max-age'];
  if (typeof text !== 'string') return undefined;
  if (!values['rollout-bundle']) throw new OrkError('USAGE', '--rollout-bundle-max-age applies to bundles reused from the cluster: it needs --rollout-bundle');
  const ms = parseDuration(text.trim());
  if (ms === undefined || ms <= 0) throw new OrkError('USAGE', `--rollout-bundle-max-age must be a positive duration such as 720h or 90m, not ${JSON.stringify(text.slice(0, 32))} (see 'ork resolve --help')`);
  return ms;
}

/** --rollout-bundle: this pod and a client for its cluster (see resolver/rollout-bundle.ts). */
function rolloutTarget(values: Record<string, string | string[] | boolean | undefined>, io: CliIO) {
  const podName = (values['pod-name'] as string | undefined) ?? io.env.POD_NAME;
  const namespace = (values['pod-namespace'] as string | undefined) ?? io.env.POD_NAMESPACE;
  if (!podName || !namespace) throw new OrkError('USAGE', "--rollout-bundle needs the pod's name and namespace: set POD_NAME and POD_NAMESPACE (downward API) or pass --pod-name and --pod-namespace");
  const kubeconfig = values.kubeconfig as string | undefined;
  const kube = createKubeClient(kubeConfigFromFlags({ ...(kubeconfig ? { kubeconfig } : {}), ...(typeof values.context === 'string' ? { context: values.context } : {}) }, io), { userAgent: 'orkestra-resolver' });
  return { kube, namespace, podName };
}

function summary(result: ResolveRunResult, out: string) {
  if (result.rollout) {
    const { path, configMap, replicaSet } = result.rollout;
    return { out, rollout: { path, configMap, replicaSet }, digest: result.digest };
  }
  const resolution = result.resolution!;
  return {
    out,
    imports: resolution.imports.map(({ source, ref, digest: d, size, mediaType }) => ({ source, ref, digest: d, size, mediaType })),
    crds: resolution.payload.crds.map((c) => c.metadata.name),
    warnings: resolution.warnings.length,
    digest: result.digest,
  };
}
