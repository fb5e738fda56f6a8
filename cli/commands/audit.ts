// `ork audit`: reads the controller replicas of one namespace (Pods by selector, their
// ReplicaSets, the Leases) and prints which bundle digest each revision runs, the leader and the
// verdict. Read-only: lists and nothing else. The judgement itself lives in shared/audit.
import { auditReplicas, exitCodeForVerdict, formatAudit } from '../../shared/audit/index.js';
import { createKubeClient } from '../kube/index.js';
import { asOrkError } from '../../shared/kube/index.js';
import { LEASES, PODS, REPLICA_SETS } from '../../controller/index.js';
import { parseFlags } from '../args.js';
import { OUTPUT_FLAGS, outputFormat, outputHelp, printOutput } from '../output.js';
import { KUBE_FLAGS, KUBE_FLAGS_HELP, kubeConfigFromFlags } from '../kube-flags.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';

export const DEFAULT_SELECTOR = 'app.kubernetes.io/name=orkestra';

const HELP = `usage: ork audit [-n NAMESPACE] [--selector LABELS] [-o text|json|yaml] [--kubeconfig FILE]

Lists the controller replicas (Pods matching the selector) with each one's revision
(pod-template-hash), the bundle digest it published (annotation orkestra.orkspace.io/bundle-digest),
its phase and readiness, and the leader (from the namespace's Leases); then whether the replicas of
each revision agree.

  -n, --namespace NS    default: the kubeconfig context's namespace, else "default"
  --selector LABELS     label selector of the controller Pods (default ${DEFAULT_SELECTOR})
${outputHelp(['text', 'json', 'yaml'], 'text')}${KUBE_FLAGS_HELP}
Exit codes: 0 every revision agrees (also during a rollout: two revisions, each self-consistent);
4 split brain (two digests within one revision); 2 nothing to audit (no replica matches, or none
publishes a digest) or a usage error; 3 cluster unreachable or the API refused.
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('audit', argv, {
    namespace: { type: 'string', short: 'n' },
    selector: { type: 'string', default: DEFAULT_SELECTOR },
    ...OUTPUT_FLAGS,
    ...KUBE_FLAGS,
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const format = outputFormat('audit', values, ['text', 'json', 'yaml'], 'text');
  const config = kubeConfigFromFlags(values, io);
  const namespace = values.namespace ?? config.namespace ?? 'default';
  const selector = values.selector ?? DEFAULT_SELECTOR;
  const kube = createKubeClient(config, { userAgent: 'orkestra-audit' });
  try {
    const [pods, replicaSets, leases] = await Promise.all([
      kube.list(PODS, { namespace, labelSelector: selector }),
      kube.list(REPLICA_SETS, { namespace, labelSelector: selector }),
      kube.list(LEASES, { namespace }),
    ]);
    const report = auditReplicas({ pods: pods.items, replicaSets: replicaSets.items, leases: leases.items });
    // Unknown digests and revisions appear as null rather than vanish.
    const data = JSON.parse(JSON.stringify({ namespace, selector, ...report }, (_k, v: unknown) => (v === undefined ? null : v))) as unknown;
    printOutput(io, format, data, () => `namespace ${namespace}, selector ${selector}\n\n${formatAudit(report)}`);
    return exitCodeForVerdict(report.verdict);
  } catch (e) {
    throw asOrkError(e);
  } finally {
    await kube.close();
  }
}
