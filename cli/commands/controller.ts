// `ork controller`: the controller container's command. Verifies the bundle before anything else
// (no API call on a bad bundle: exit non-zero with the reason code and the termination message),
// then reconciles until SIGTERM, when it drains in-flight work and exits 0.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { checkLeaseNamespace, checkTiming, identityFor, leaseNameFor, parseDuration, startController, type LeaderElectionOptions, type RunningController, ControllerMetrics, bundleSummary, kubeHttpAuthorizer, startObservabilityServer } from '../../controller/index.js';
import { OrkError, isOrkError } from '../../shared/errors.js';
import { parseConfigChecksum } from '../../shared/bundle/index.js';
import { asOrkError } from '../../shared/kube/index.js';
import { createKubeClient, serviceAccountNamespace } from '../kube/index.js';
import { parseHttpAddress } from '../http-address.js';
import { parseFlags, requireFlag } from '../args.js';
import { KUBE_FLAGS, kubeConfigFromFlags } from '../kube-flags.js';
import { HTTP_AUTH_FLAGS, httpAuthHelp, httpAuthMode } from '../http-auth-flag.js';
import { EXIT, exitCodeFor } from '../exit.js';
import { LOG_FLAGS, loggerFromFlags } from '../log-flags.js';
import type { CliIO } from '../io.js';
import type { Logger } from '../../shared/log.js';
import { untilSignal } from '../signals.js';
import { baselineWasmOnly } from '../wasm-tier.js';
import { writeTerminationMessage } from '../termination.js';
import { startMemorySettle } from '../memory/settle.js';

const HELP = `usage: ork controller --bundle DIR --key PUBLIC.pem [--expected-digest sha256:…] [--config-checksum SUM] [flags]

Verifies the bundle in DIR against the public key (the pinned digest, and the configuration it was
resolved for), then applies its CRDs and reconciles their custom resources until SIGTERM. Refuses
to start on any verification failure.

  --bundle DIR                       the bundle the resolver wrote (mounted read-only)
  --key PUBLIC.pem                   the trusted ECDSA P-256 public key
  --expected-digest DIGEST           refuse to start unless the bundle has this digest
  --config-checksum SUM              refuse to start unless the bundle was resolved for this configuration
                                     (signed by 'ork resolve --config-checksum'; the chart passes checksum/komposer)
  --kubeconfig FILE                  default: $KUBECONFIG, in-cluster service account, ~/.kube/config
  --context NAME                     the kubeconfig context to use (default: its current-context)
  --termination-message-path FILE    write the one-line reason here on failure (Kubernetes)
  --log-level error|warn|info|debug  default info
  --log-format text|json             default: text at a terminal, else json (a container: json)
  --log-keys default|zap             JSON keys: ours, or zap/logr's (msg, ts epoch seconds, logger, error)
  --leader-elect                     work only while holding the install's Lease (replicas > 1)
  --leader-election-id NAME          the install's name; the Lease is orkestra-NAME (default: controller)
  --leader-election-namespace NS     where the Lease lives (default: $POD_NAMESPACE, else the service account's)
  --lease-duration 15s  --renew-deadline 10s  --retry-period 2s
  --api-wait 60s                     at start, wait this long for an API server that does not answer (or answers
                                     429/5xx) before refusing to start; 0 fails at once
  --revision HASH                    this pod's rollout revision (default $ORKESTRA_REVISION: pod-template-hash)
  --http-address HOST:PORT           /healthz, /readyz, /metrics and /bundle (default 127.0.0.1:8080; the chart passes $(POD_IP):8080)
  --memory-settle auto|off           auto (default): after a burst of work, once quiet, one memory-reducing
                                     garbage collection (Node 22 and later; docs/controller.md)
${httpAuthHelp(35, 'ork rbac --http-auth')}
Exit codes (docs/cli.md): 0 stopped by signal; 1 internal; 2 configuration; 3 cluster unreachable; 4 integrity.
`;

/** Runs until a signal (exit 0) or a lost Lease: not a refusal to start, so said differently; the kubelet restarts it. */
async function runUntilStopped(controller: RunningController, logger: Logger, terminationPath: string | undefined, settleMemory: boolean): Promise<number> {
  const settle = settleMemory ? startMemorySettle({ logger }) : undefined;
  const outcome = await Promise.race([untilSignal(), controller.lost]);
  settle?.stop();
  if (typeof outcome === 'string') logger.info('stopping', { signal: outcome });
  await controller.stop();
  if (typeof outcome === 'string') return EXIT.ok;
  await writeTerminationMessage(terminationPath, outcome);
  logger.error('controller stopped: leadership lost', { code: outcome.code, err: outcome.message });
  return exitCodeFor(outcome.category);
}

function apiWaitFrom(value: string | undefined): number {
  // `0` as Go's time.ParseDuration reads it (and as --help writes it): fail at once.
  const ms = value === '0' ? 0 : parseDuration(String(value ?? '60s'));
  if (ms === undefined) throw new OrkError('USAGE', "--api-wait must be a duration such as 60s or 0s (see 'ork controller --help')");
  return ms;
}


function memorySettleFrom(value: string | undefined): boolean {
  if (value === undefined || value === 'auto') return true;
  if (value === 'off') return false;
  throw new OrkError('USAGE', `--memory-settle must be auto or off, got ${JSON.stringify(value)} (see 'ork controller --help')`);
}

function leaderElectionFrom(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv): LeaderElectionOptions {
  const duration = (flag: string) => {
    const ms = parseDuration(String(values[flag]));
    if (ms === undefined) throw new OrkError('USAGE', `--${flag} must be a duration such as 15s or 500ms (see 'ork controller --help')`);
    return ms;
  };
  const namespace = (values['leader-election-namespace'] as string | undefined) ?? env.POD_NAMESPACE ?? serviceAccountNamespace();
  if (!namespace) throw new OrkError('USAGE', '--leader-election-namespace is required outside a pod (or set POD_NAMESPACE)');
  // Checked here too, so a flag that cannot work is refused before the bundle and the cluster are touched.
  const timing = checkTiming({ leaseDurationMs: duration('lease-duration'), renewDeadlineMs: duration('renew-deadline'), retryPeriodMs: duration('retry-period') });
  return {
    namespace: checkLeaseNamespace(namespace, '--leader-election-namespace, else $POD_NAMESPACE'),
    name: leaseNameFor((values['leader-election-id'] as string | undefined) ?? 'controller'),
    identity: identityFor(env.POD_NAME ?? hostname()),
    revision: (values.revision as string | undefined) ?? env.ORKESTRA_REVISION ?? '',
    timing,
  };
}

const FLAGS = {
  bundle: { type: 'string' },
  key: { type: 'string' },
  'expected-digest': { type: 'string' },
  'config-checksum': { type: 'string' },
  ...KUBE_FLAGS,
  'termination-message-path': { type: 'string' },
  ...LOG_FLAGS,
  'http-address': { type: 'string', default: '127.0.0.1:8080' },
  ...HTTP_AUTH_FLAGS,
  'leader-elect': { type: 'boolean', default: false },
  'leader-election-id': { type: 'string' },
  'leader-election-namespace': { type: 'string' },
  'lease-duration': { type: 'string', default: '15s' },
  'renew-deadline': { type: 'string', default: '10s' },
  'retry-period': { type: 'string', default: '2s' },
  'api-wait': { type: 'string', default: '60s' },
  revision: { type: 'string' },
  'memory-settle': { type: 'string', default: 'auto' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** What the bundle must be besides signed: the pinned digest, the configuration it was resolved for. */
function bundleChecks(values: { 'expected-digest'?: string | undefined; 'config-checksum'?: string | undefined }): { expectedDigest?: string; configChecksum?: string } {
  return {
    ...(values['expected-digest'] ? { expectedDigest: values['expected-digest'] } : {}),
    ...(values['config-checksum'] !== undefined ? { configChecksum: parseConfigChecksum(values['config-checksum'], '--config-checksum') } : {}),
  };
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('controller', argv, FLAGS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const httpAuth = httpAuthMode('controller', values['http-auth']);
  if (typeof httpAuth === 'object') {
    io.stderr(`${httpAuth.problem}\n`);
    return EXIT.config;
  }
  // Before any connection is made: llhttp's WebAssembly stays at the baseline tier (wasm-tier.ts).
  baselineWasmOnly();
  const logger = loggerFromFlags('controller', 'controller', values, io);
  const terminationPath = values['termination-message-path'] && resolve(io.cwd, values['termination-message-path']);
  let http: { close(): Promise<void> } | undefined;
  let reviewer: { close(): Promise<void> } | undefined;
  try {
    const settleMemory = memorySettleFrom(values['memory-settle']);
    // Up before verification, so /healthz answers (and /readyz says why not) during a slow start.
    const metrics = new ControllerMetrics();
    let running: RunningController | undefined;
    // Its own connection pool, so access reviews never queue behind reconcile traffic.
    const authClient = httpAuth === 'kubernetes' ? createKubeClient(kubeConfigFromFlags(values, io), { userAgent: 'orkestra-controller-http-auth', requestObserver: metrics.kubeRequestObserver }) : undefined;
    reviewer = authClient;
    http = await startObservabilityServer({
      ...parseHttpAddress('controller', values['http-address'] ?? '127.0.0.1:8080'),
      metrics,
      logger,
      ready: () => running?.readiness() ?? { ok: false, reason: 'bundle not verified yet' },
      bundle: () => running && bundleSummary(running.payload, running.digest, running.keyid),
      katalog: () => running?.katalog(),
      ...(authClient ? { authorizer: kubeHttpAuthorizer(authClient, { logger }) } : {}),
    });
    const controller = await startController({
      metrics,
      bundleDir: resolve(io.cwd, requireFlag('controller', 'bundle', values.bundle)),
      publicKeyPath: resolve(io.cwd, requireFlag('controller', 'key', values.key)),
      ...bundleChecks(values),
      kube: () => createKubeClient(kubeConfigFromFlags(values, io), { userAgent: 'orkestra-controller', requestObserver: metrics.kubeRequestObserver }),
      apiWaitMs: apiWaitFrom(values['api-wait']),
      env: io.env,
      logger,
      ...(values['leader-elect'] ? { leaderElection: leaderElectionFrom(values, io.env) } : {}),
    });
    running = controller;
    return await runUntilStopped(controller, logger, terminationPath, settleMemory);
  } catch (caught) {
    const e = asOrkError(caught);
    await writeTerminationMessage(terminationPath, e);
    if (!isOrkError(e)) throw e;
    logger.error('controller refused to start', { code: e.code, source: e.source, err: e.message });
    return exitCodeFor(e.category);
  } finally {
    await http?.close();
    await reviewer?.close();
    logger.close();
  }
}
