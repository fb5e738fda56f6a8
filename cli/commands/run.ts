// `ork run`: local development in one process — resolve the Komposer into a temporary directory,
// sign it with a throw-away key, verify it like the controller container does, and reconcile
// against the current kubeconfig until Ctrl-C. The same code paths as the cluster, minus Helm.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateSigningKeyPair, parsePrivateKeyPem } from '../../shared/bundle/index.js';
import { signBundle } from '../../shared/bundle/index.js';
import { writeBundleAtomically } from '../../resolver/index.js';
import { resolveKomposer } from '../../resolver/index.js';
import { createKubeClient } from '../kube/index.js';
import { applySampleCrs, readSampleCrs } from '../run/apply-samples.js';
import { startController } from '../../controller/index.js';
import { asOrkError } from '../../shared/kube/index.js';
import { parseFlags } from '../args.js';
import { KUBE_FLAGS, KUBE_FLAGS_HELP, kubeConfigFromFlags } from '../kube-flags.js';
import { EXIT } from '../exit.js';
import { LOG_FLAGS, LOG_FLAGS_HELP, loggerFromFlags } from '../log-flags.js';
import type { CliIO } from '../io.js';
import { RESOLVE_FLAGS, RESOLVE_FLAGS_HELP, resolveOptionsFrom } from '../resolve-flags.js';
import { untilSignal } from '../signals.js';

const HELP = `usage: ork run -f KATALOG|KOMPOSER [--kubeconfig FILE] [flags]

Resolves the Katalog or Komposer once, signs the bundle with a throw-away key, verifies it and runs
the controller in this process against the cluster of the current kubeconfig, until Ctrl-C. Once
the CRDs are established, the sample CRs the Katalog names in crFiles are created (in the
kubeconfig's namespace unless they name one); a sample that exists already is left as it is.

${RESOLVE_FLAGS_HELP}
${KUBE_FLAGS_HELP}${LOG_FLAGS_HELP}`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('run', argv, { ...RESOLVE_FLAGS, ...KUBE_FLAGS, ...LOG_FLAGS });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const logger = loggerFromFlags('run', 'ork-run', values, io);
  const dir = await mkdtemp(join(tmpdir(), 'orkestra-run-'));
  try {
    const resolution = await resolveKomposer(await resolveOptionsFrom('run', values, io));
    const keys = generateSigningKeyPair();
    const signed = signBundle(resolution.payload, parsePrivateKeyPem(keys.privateKeyPem, 'ephemeral key'));
    const bundleDir = join(dir, 'bundle');
    await writeBundleAtomically(bundleDir, signed);
    await writeFile(join(dir, 'public.pem'), keys.publicKeyPem);
    io.stdout(`bundle ${signed.digest}\n`);
    // Checked before the controller starts: a bad sample refuses to run and touches nothing.
    const samples = await readSampleCrs(resolve(io.cwd, values.file ?? ''), resolution.payload.crds, logger);
    const config = kubeConfigFromFlags(values, io);
    const kube = createKubeClient(config, { userAgent: 'orkestra-controller' });
    try {
      const controller = await startController({ bundleDir, publicKeyPath: join(dir, 'public.pem'), expectedDigest: signed.digest, kube, env: io.env, logger });
      if (samples.length > 0) await applySampleCrs(kube, samples, config.namespace ?? 'default', logger);
      const signal = await untilSignal();
      logger.info('stopping', { signal });
      await controller.stop();
    } finally {
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

