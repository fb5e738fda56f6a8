// `ork run`: local development in one process — resolve the Komposer into a temporary directory,
// sign it with a throw-away key, verify it like the controller container does, and reconcile
// against the current kubeconfig until Ctrl-C. The same code paths as the cluster, minus Helm.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Logger } from '../../shared/log.js';
import { generateSigningKeyPair, parsePrivateKeyPem, signBundle, type BundlePayload, type SignedBundle } from '../../shared/bundle/index.js';
import { writeBundleAtomically } from '../../resolver/index.js';
import { resolveKomposer } from '../../resolver/index.js';
import { createKubeClient } from '../kube/index.js';
import { applySampleCrs, readSampleCrs } from '../run/apply-samples.js';
import { applySetup, readSetupObjects } from '../run/setup-files.js';
import { RUN_HTTP_ADDRESS, startLocalHttp, type LocalHttp } from '../run/local-http.js';
import { startController, startWebhook, type RunningWebhook } from '../../controller/index.js';
import { FAILURE_POLICIES, type FailurePolicy } from '../../shared/admission/index.js';
import { OrkError } from '../../shared/errors.js';
import type { KubeConfig } from '../../shared/kube/index.js';
import { asOrkError } from '../../shared/kube/index.js';
import { parseFlags } from '../args.js';
import { KUBE_FLAGS, KUBE_FLAGS_HELP, kubeConfigFromFlags } from '../kube-flags.js';
import { EXIT } from '../exit.js';
import { LOG_FLAGS, LOG_FLAGS_HELP, loggerFromFlags } from '../log-flags.js';
import type { CliIO } from '../io.js';
import { RESOLVE_FLAGS, RESOLVE_FLAGS_HELP, resolveOptionsFrom } from '../resolve-flags.js';
import { untilSignal } from '../signals.js';

const HELP = `usage: ork run [-f KATALOG|KOMPOSER] [--kubeconfig FILE] [flags]

Resolves the Katalog or Komposer once, signs the bundle with a throw-away key, verifies it and runs
the controller in this process against the cluster of the current kubeconfig, until Ctrl-C. The
files the Katalog names in setup are applied first, in order (server-side apply). Once the CRDs
are established, the sample CRs the Katalog names in crFiles are created (in the kubeconfig's
namespace unless they name one); a sample that exists already is left as it is.

${RESOLVE_FLAGS_HELP}
${KUBE_FLAGS_HELP}${LOG_FLAGS_HELP}  --webhook-failure-policy P Fail (default) or Ignore: what the API server does when the webhook
                             cannot be reached
  --no-webhook               do not serve the admission and conversion webhooks
  --http-address HOST:PORT   serve /healthz, /readyz, /metrics, /bundle and /katalog (default
                             ${RUN_HTTP_ADDRESS}; when that port is taken, ork run warns and runs without)

The admission and conversion webhooks are served on 127.0.0.1 (a free port) and registered with
their URL, so the API server (on this host) refuses a bad CR at apply time; the registration is
removed when ork run stops.
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('run', argv, {
    ...RESOLVE_FLAGS,
    ...KUBE_FLAGS,
    ...LOG_FLAGS,
    'webhook-failure-policy': { type: 'string', default: 'Fail' },
    'no-webhook': { type: 'boolean', default: false },
    'http-address': { type: 'string' },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const failurePolicy = failurePolicyFrom(values['webhook-failure-policy']);
  const logger = loggerFromFlags('run', 'ork-run', values, io);
  const dir = await mkdtemp(join(tmpdir(), 'orkestra-run-'));
  try {
    const options = await resolveOptionsFrom('run', values, io);
    const resolution = await resolveKomposer(options);
    const { signed, bundleDir } = await signInProcess(resolution.payload, dir);
    io.stdout(`bundle ${signed.digest}\n`);
    // Checked before the controller starts: a bad sample refuses to run and touches nothing.
    const katalog = { path: resolve(io.cwd, options.komposer), ...(options.komposerText === undefined ? {} : { text: options.komposerText }), ...(options.extraFileImports ? { extra: options.extraFileImports } : {}) };
    const [setup, samples] = [await readSetupObjects(katalog, logger), await readSampleCrs(katalog, resolution.payload.crds, logger)];
    const config = kubeConfigFromFlags(values, io);
    const kube = createKubeClient(config, { userAgent: 'orkestra-controller' });
    let webhook: RunningWebhook | undefined;
    let http: LocalHttp | undefined;
    try {
      // setup: the operator's prerequisites, before it starts (upstream's dev mode).
      if (setup.length > 0) await applySetup(kube, setup, config.namespace ?? 'default', logger);
      http = await startLocalHttp(values['http-address'], logger);
      const controller = await startController({ bundleDir, publicKeyPath: join(dir, 'public.pem'), expectedDigest: signed.digest, kube, env: io.env, logger, metrics: http.metrics });
      http.attach(controller);
      try {
        if (!values['no-webhook']) {
          webhook = await serveWebhook({ bundleDir, publicKeyPath: join(dir, 'public.pem'), digest: signed.digest, config, logger }, controller.payload.katalog.metadata.name, failurePolicy);
          io.stdout(`webhook ${webhook.origin}\n`);
        }
        // After the webhook is registered, so the samples pass the same admission as any apply.
        if (samples.length > 0) await applySampleCrs(kube, samples, config.namespace ?? 'default', logger);
        const signal = await untilSignal();
        logger.info('stopping', { signal });
      } finally {
        await webhook?.stop();
        await controller.stop();
      }
    } finally {
      await http?.close();
      await kube.close();
    }
    return EXIT.ok;
  } catch (caught) {
    throw asOrkError(caught);
  } finally {
    logger.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function failurePolicyFrom(given: string | undefined): FailurePolicy {
  const policy = given ?? 'Fail';
  if (!FAILURE_POLICIES.includes(policy as FailurePolicy)) {
    throw new OrkError('USAGE', `--webhook-failure-policy must be Fail or Ignore, not ${JSON.stringify(policy)} (see 'ork run --help')`);
  }
  return policy as FailurePolicy;
}

/** The bundle signed with a key made for this run, written under `dir` with its public key (public.pem). */
async function signInProcess(payload: BundlePayload, dir: string): Promise<{ signed: SignedBundle; bundleDir: string }> {
  const keys = generateSigningKeyPair();
  const signed = signBundle(payload, parsePrivateKeyPem(keys.privateKeyPem, 'ephemeral key'));
  const bundleDir = join(dir, 'bundle');
  await writeBundleAtomically(bundleDir, signed);
  await writeFile(join(dir, 'public.pem'), keys.publicKeyPem);
  return { signed, bundleDir };
}

interface LocalBundle {
  bundleDir: string;
  publicKeyPath: string;
  digest: string;
  config: KubeConfig;
  logger: Logger;
}

/** The webhooks on 127.0.0.1, registered by URL (the API server runs on this host), removed on stop. */
function serveWebhook(local: LocalBundle, katalogName: string, failurePolicy: FailurePolicy): Promise<RunningWebhook> {
  return startWebhook({
    bundleDir: local.bundleDir,
    publicKeyPath: local.publicKeyPath,
    expectedDigest: local.digest,
    kube: () => createKubeClient(local.config, { userAgent: 'orkestra-webhook' }),
    logger: local.logger,
    host: '127.0.0.1',
    port: 0,
    certificates: { kind: 'ephemeral', hosts: ['127.0.0.1'] },
    registration: { name: `run-${katalogName}`, failurePolicy, endpoint: (origin) => ({ url: origin }), unregisterOnStop: true },
  });
}
