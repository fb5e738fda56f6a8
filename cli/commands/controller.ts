// `ork controller`: the controller container's command. Verifies the bundle before anything else
// (no API call on a bad bundle: exit non-zero with the reason code and the termination message),
// then reconciles until SIGTERM, when it drains in-flight work and exits 0.
import { resolve } from 'node:path';
import { createLogger, type LogLevel } from '../../shared/log.js';
import { isOrkError } from '../../shared/errors.js';
import { asOrkError } from '../../controller/kube/kube-error.js';
import { startController, type RunningController } from '../../controller/run.js';
import { ControllerMetrics, bundleSummary, startObservabilityServer } from '../../controller/observe/index.js';
import { parseHttpAddress } from '../http-address.js';
import { parseFlags, requireFlag } from '../args.js';
import { EXIT, exitCodeFor } from '../exit.js';
import type { CliIO } from '../io.js';
import { untilSignal } from '../signals.js';
import { writeTerminationMessage } from '../termination.js';

const HELP = `usage: ork controller --bundle DIR --key PUBLIC.pem [--expected-digest sha256:…] [flags]

Verifies the bundle in DIR against the public key (and the pinned digest), then applies its CRDs
and reconciles their custom resources until SIGTERM. Refuses to start on any verification failure.

  --bundle DIR                       the bundle the resolver wrote (mounted read-only)
  --key PUBLIC.pem                   the trusted ECDSA P-256 public key
  --expected-digest DIGEST           refuse to start unless the bundle has this digest
  --kubeconfig FILE                  default: $KUBECONFIG, in-cluster service account, ~/.kube/config
  --termination-message-path FILE    write the one-line reason here on failure (Kubernetes)
  --log-level error|warn|info|debug  default info
  --http-address HOST:PORT           /healthz, /readyz, /metrics and /bundle (default 127.0.0.1:8080; in a pod: 0.0.0.0:8080)

Exit codes: 0 stopped by signal; 1 internal; 2 configuration; 3 cluster unreachable; 4 integrity.
`;

const LEVELS = ['error', 'warn', 'info', 'debug'];

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('controller', argv, {
    bundle: { type: 'string' },
    key: { type: 'string' },
    'expected-digest': { type: 'string' },
    kubeconfig: { type: 'string' },
    'termination-message-path': { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
    'http-address': { type: 'string', default: '127.0.0.1:8080' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const level = values['log-level'] ?? 'info';
  if (!LEVELS.includes(level)) {
    io.stderr(`--log-level must be one of ${LEVELS.join(', ')}\n`);
    return EXIT.config;
  }
  const logger = createLogger('controller', level as LogLevel);
  const terminationPath = values['termination-message-path'] && resolve(io.cwd, values['termination-message-path']);
  let http: { close(): Promise<void> } | undefined;
  try {
    // Up before verification, so /healthz answers (and /readyz says why not) during a slow start.
    const metrics = new ControllerMetrics();
    let running: RunningController | undefined;
    http = await startObservabilityServer({
      ...parseHttpAddress('controller', values['http-address'] ?? '127.0.0.1:8080'),
      metrics,
      logger,
      ready: () => (running?.ready() ? { ok: true } : { ok: false, reason: running ? 'workers not started or caches not synced' : 'bundle not verified yet' }),
      bundle: () => running && bundleSummary(running.payload, running.digest, running.keyid),
    });
    const controller = await startController({
      metrics,
      bundleDir: resolve(io.cwd, requireFlag('controller', 'bundle', values.bundle)),
      publicKeyPath: resolve(io.cwd, requireFlag('controller', 'key', values.key)),
      ...(values['expected-digest'] ? { expectedDigest: values['expected-digest'] } : {}),
      ...(values.kubeconfig ? { kubeconfig: resolve(io.cwd, values.kubeconfig) } : {}),
      env: io.env,
      logger,
    });
    running = controller;
    const signal = await untilSignal();
    logger.info('stopping', { signal });
    await controller.stop();
    return EXIT.ok;
  } catch (caught) {
    const e = asOrkError(caught);
    await writeTerminationMessage(terminationPath, e);
    if (!isOrkError(e)) throw e;
    logger.error('controller refused to start', { code: e.code, source: e.source, err: e.message });
    return exitCodeFor(e.category);
  } finally {
    await http?.close();
    logger.close();
  }
}
