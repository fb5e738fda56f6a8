// `ork run`: local development in one process — resolve the Komposer into a temporary directory,
// sign it with a throw-away key, verify it like the controller container does, and reconcile
// against the current kubeconfig until Ctrl-C. The same code paths as the cluster, minus Helm.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLogger, type Logger, type LogLevel } from '../../shared/log.js';
import { generateSigningKeyPair, parsePrivateKeyPem } from '../../shared/bundle/index.js';
import { signBundle } from '../../shared/bundle/index.js';
import { writeBundleAtomically } from '../../resolver/index.js';
import { resolveKomposer } from '../../resolver/index.js';
import { kubeClientFor } from '../kube/index.js';
import { startController, startWebhook, type RunningWebhook } from '../../controller/index.js';
import { FAILURE_POLICIES, type FailurePolicy } from '../../shared/admission/index.js';
import { OrkError } from '../../shared/errors.js';
import { asOrkError } from '../../shared/kube/index.js';
import { parseFlags } from '../args.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';
import { RESOLVE_FLAGS, RESOLVE_FLAGS_HELP, resolveOptionsFrom } from '../resolve-flags.js';
import { untilSignal } from '../signals.js';

const HELP = `usage: ork run -f KOMPOSER [--kubeconfig FILE] [flags]

Resolves the Komposer once, signs the bundle with a throw-away key, verifies it and runs the
controller in this process against the cluster of the current kubeconfig, until Ctrl-C.

${RESOLVE_FLAGS_HELP}
  --kubeconfig FILE          default: $KUBECONFIG, ~/.kube/config
  --log-level LEVEL          error, warn, info (default) or debug
  --webhook-failure-policy P Fail (default) or Ignore: what the API server does when the webhook
                             cannot be reached
  --no-webhook               do not serve the admission and conversion webhooks

The admission and conversion webhooks are served on 127.0.0.1 (a free port) and registered with
their URL, so the API server (on this host) refuses a bad CR at apply time; the registration is
removed when ork run stops.
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('run', argv, {
    ...RESOLVE_FLAGS,
    kubeconfig: { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
    'webhook-failure-policy': { type: 'string', default: 'Fail' },
    'no-webhook': { type: 'boolean', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const failurePolicy = values['webhook-failure-policy'] ?? 'Fail';
  if (!FAILURE_POLICIES.includes(failurePolicy as FailurePolicy)) {
    throw new OrkError('USAGE', `--webhook-failure-policy must be Fail or Ignore, not ${JSON.stringify(failurePolicy)} (see 'ork run --help')`);
  }
  const logger = createLogger('ork-run', (values['log-level'] ?? 'info') as LogLevel);
  const dir = await mkdtemp(join(tmpdir(), 'orkestra-run-'));
  try {
    const resolution = await resolveKomposer(await resolveOptionsFrom('run', values, io));
    const keys = generateSigningKeyPair();
    const signed = signBundle(resolution.payload, parsePrivateKeyPem(keys.privateKeyPem, 'ephemeral key'));
    const bundleDir = join(dir, 'bundle');
    await writeBundleAtomically(bundleDir, signed);
    await writeFile(join(dir, 'public.pem'), keys.publicKeyPem);
    io.stdout(`bundle ${signed.digest}\n`);

    const kubeconfig = values.kubeconfig && resolve(io.cwd, values.kubeconfig);
    const controller = await startController({
      bundleDir,
      publicKeyPath: join(dir, 'public.pem'),
      expectedDigest: signed.digest,
      kube: () => kubeClientFor(io.env, kubeconfig, 'orkestra-controller'),
      env: io.env,
      logger,
    });
    let webhook: RunningWebhook | undefined;
    try {
      if (!values['no-webhook']) {
        webhook = await serveWebhook({ bundleDir, publicKeyPath: join(dir, 'public.pem'), digest: signed.digest, kubeconfig, io, logger }, controller.payload.katalog.metadata.name, failurePolicy as FailurePolicy);
        io.stdout(`webhook ${webhook.origin}\n`);
      }
      const signal = await untilSignal();
      logger.info('stopping', { signal });
    } finally {
      await webhook?.stop();
      await controller.stop();
    }
    return EXIT.ok;
  } catch (caught) {
    throw asOrkError(caught);
  } finally {
    logger.close();
    await rm(dir, { recursive: true, force: true });
  }
}


interface LocalBundle {
  bundleDir: string;
  publicKeyPath: string;
  digest: string;
  kubeconfig: string | undefined;
  io: CliIO;
  logger: Logger;
}

/** The webhooks on 127.0.0.1, registered by URL (the API server runs on this host), removed on stop. */
function serveWebhook(local: LocalBundle, katalogName: string, failurePolicy: FailurePolicy): Promise<RunningWebhook> {
  return startWebhook({
    bundleDir: local.bundleDir,
    publicKeyPath: local.publicKeyPath,
    expectedDigest: local.digest,
    kube: () => kubeClientFor(local.io.env, local.kubeconfig, 'orkestra-webhook'),
    logger: local.logger,
    host: '127.0.0.1',
    port: 0,
    certificates: { kind: 'ephemeral', hosts: ['127.0.0.1'] },
    registration: { name: `run-${katalogName}`, failurePolicy, endpoint: (origin) => ({ url: origin }), unregisterOnStop: true },
  });
}
