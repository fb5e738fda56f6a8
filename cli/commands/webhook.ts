// `ork webhook`: the webhook container's command. Verifies the bundle exactly as `ork controller`
// does (nothing is served and nothing touches the cluster on a bad one: exit non-zero with the
// reason code and the termination message), then serves /validate, /mutate and /convert over
// HTTPS and keeps its registration and certificates until SIGTERM. /readyz says ok only once the
// bundle is verified and the HTTPS server listens.
import { resolve } from 'node:path';
import { bundleSummary, kubeHttpAuthorizer, releaseWebhook, startObservabilityServer, startWebhook, WebhookMetrics, type RunningWebhook } from '../../controller/index.js';
import { OrkError } from '../../shared/errors.js';
import { parseConfigChecksum } from '../../shared/bundle/index.js';
import { isOrkError } from '../../shared/errors.js';
import { asOrkError, type KubeConfig } from '../../shared/kube/index.js';
import type { Logger } from '../../shared/log.js';
import { createKubeClient } from '../kube/index.js';
import { parseHttpAddress } from '../http-address.js';
import { HTTP_AUTH_FLAGS, httpAuthHelp, httpAuthMode } from '../http-auth-flag.js';
import { parseFlags, requireFlag } from '../args.js';
import { KUBE_FLAGS, KUBE_FLAGS_HELP, kubeConfigFromFlags } from '../kube-flags.js';
import { EXIT, exitCodeFor } from '../exit.js';
import { LOG_FLAGS, LOG_FLAGS_HELP, loggerFromFlags } from '../log-flags.js';
import type { CliIO } from '../io.js';
import { untilSignal } from '../signals.js';
import { writeTerminationMessage } from '../termination.js';
import { WEBHOOK_FLAGS, webhookSettings } from '../webhook-flags.js';

const HELP = `usage: ork webhook --bundle DIR --key PUBLIC.pem (--service NS/NAME | --url URL) --name NAME [--config-checksum SUM] [flags]
       ork webhook --unregister --name NAME (--service NS/NAME | --url URL) [--kubeconfig FILE]

Verifies the bundle in DIR against the public key (and the pinned digest), then serves the
Katalog's admission rules (/validate, /mutate) and CRD conversion (/convert) over HTTPS, registers
them with the API server and keeps the serving certificate renewed, until SIGTERM. Refuses to
start on any verification failure. Stateless: any number of replicas answer alike.

  --bundle DIR                  the bundle the resolver wrote (mounted read-only)
  --key PUBLIC.pem              the trusted ECDSA P-256 public key
  --expected-digest DIGEST      refuse to start unless the bundle has this digest
  --config-checksum SUM         refuse to start unless the bundle was resolved for this configuration
                                (signed by 'ork resolve --config-checksum'; the chart passes checksum/komposer)
  --address HOST:PORT           the HTTPS server (default 127.0.0.1:9443; the chart passes $(POD_IP):9443)
  --http-address HOST:PORT      /healthz, /readyz, /metrics and /bundle over HTTP (default 127.0.0.1:8081)
${httpAuthHelp(30, 'ork rbac --webhook NAME --http-auth')}  --name NAME                   the install's name: the configurations are orkestra-NAME
  --service NS/NAME             the API server reaches the webhook through this Service ...
  --service-port PORT           ... on this port (default 443)
  --url URL                     ... or at this https URL (a webhook outside the cluster)
  --no-register                 serve only; leave the webhook configurations and CRDs alone
  --failure-policy P            Fail (default) or Ignore: what the API server does when no replica answers
  --tls-secret NAME             keep the CA and serving certificate in this Secret: the first replica
                                creates it, the one that finds it due renews it (default: in memory,
                                for a single process only)
  --tls-secret-namespace NS     its namespace (default: $POD_NAMESPACE, else the service account's)
  --tls-secret-external         the Secret is someone else's (cert-manager, your own): only read it
  --inject-ca-from NS/CERT      annotate the configurations and CRDs for cert-manager's cainjector
  --host NAME                   another name for the serving certificate (repeatable; default: the
                                Service's DNS names or the URL's host)
  --cert-lifetime DURATION      serving certificate lifetime (default 8760h); renewed at two thirds
  --ca-lifetime DURATION        CA lifetime (default 87600h); a new CA is trusted next to the old one
  --cert-check-interval DUR     how often the certificates are checked for renewal (default 1h)
  --unregister                  serve nothing: delete the configurations orkestra-NAME and set the
                                conversion of every CRD still calling this Service (or URL) back to
                                None, then exit (after 'helm uninstall'; needs no bundle)
${KUBE_FLAGS_HELP}  --termination-message-path FILE   write the one-line reason here on failure (Kubernetes)
${LOG_FLAGS_HELP}
Exit codes (docs/cli.md): 0 stopped by signal; 1 internal; 2 configuration; 3 cluster unreachable; 4 integrity.
`;

const FLAGS = {
  bundle: { type: 'string' },
  key: { type: 'string' },
  'expected-digest': { type: 'string' },
  'config-checksum': { type: 'string' },
  'http-address': { type: 'string', default: '127.0.0.1:8081' },
  ...HTTP_AUTH_FLAGS,
  ...WEBHOOK_FLAGS,
  ...KUBE_FLAGS,
  'termination-message-path': { type: 'string' },
  unregister: { type: 'boolean', default: false },
  ...LOG_FLAGS,
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('webhook', argv, FLAGS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  // Flag mistakes are reported by the dispatcher (stderr, exit 2) before anything starts.
  const httpAuth = httpAuthMode('webhook', values['http-auth']);
  if (typeof httpAuth === 'object') throw new OrkError('USAGE', httpAuth.problem);
  const settings = webhookSettings(values, io.env);
  if (values.unregister) return unregister(settings, values, io);
  const address = parseHttpAddress('webhook', values.address ?? '127.0.0.1:9443', 'address');
  const httpAddress = parseHttpAddress('webhook', values['http-address'] ?? '127.0.0.1:8081');
  const configChecksum = values['config-checksum'] === undefined ? undefined : parseConfigChecksum(values['config-checksum'], '--config-checksum');
  const logger = loggerFromFlags('webhook', 'webhook', values, io);
  const terminationPath = values['termination-message-path'] && resolve(io.cwd, values['termination-message-path']);
  let http: { close(): Promise<void> } | undefined;
  try {
    const metrics = new WebhookMetrics();
    let running: RunningWebhook | undefined;
    // Up before verification, so /healthz answers (and /readyz says why not) during a slow start.
    http = await serveHttp({ ...httpAddress, metrics, logger, current: () => running }, httpAuth === 'kubernetes' ? () => kubeConfigFromFlags(values, io) : undefined);
    const webhook = await startWebhook({
      bundleDir: resolve(io.cwd, requireFlag('webhook', 'bundle', values.bundle)),
      publicKeyPath: resolve(io.cwd, requireFlag('webhook', 'key', values.key)),
      ...(values['expected-digest'] ? { expectedDigest: values['expected-digest'] } : {}),
      ...(configChecksum !== undefined ? { configChecksum } : {}),
      kube: () => createKubeClient(kubeConfigFromFlags(values, io), { userAgent: 'orkestra-webhook' }),
      logger,
      host: address.host,
      port: address.port,
      certificates: settings.certificates,
      renewalCheckMs: settings.renewalCheckMs,
      observer: metrics,
      ...(settings.registration ? { registration: { ...settings.registration, unregisterOnStop: false } } : {}),
    });
    running = webhook;
    metrics.setBundleDigest(webhook.digest);
    const signal = await untilSignal();
    logger.info('stopping', { signal });
    await webhook.stop();
    return EXIT.ok;
  } catch (caught) {
    const e = asOrkError(caught);
    await writeTerminationMessage(terminationPath, e);
    if (!isOrkError(e)) throw e;
    logger.error('webhook refused to start', { code: e.code, source: e.source, err: e.message });
    return exitCodeFor(e.category);
  } finally {
    await http?.close();
    logger.close();
  }
}

interface HttpParts {
  host: string;
  port: number;
  metrics: WebhookMetrics;
  logger: Logger;
  current: () => RunningWebhook | undefined;
}

/** /healthz, /readyz, /metrics and /bundle; with `reviewAs` (--http-auth kubernetes) the last two ask the API server through a client of their own. */
async function serveHttp(parts: HttpParts, reviewAs: (() => KubeConfig) | undefined): Promise<{ close(): Promise<void> }> {
  const reviewer = reviewAs && createKubeClient(reviewAs(), { userAgent: 'orkestra-webhook-http-auth' });
  const { current, ...rest } = parts;
  try {
    const server = await startObservabilityServer({
      ...rest,
      ready: () => (current() ? { ok: true } : { ok: false, reason: 'bundle not verified yet' }),
      bundle: () => {
        const running = current();
        return running && bundleSummary(running.payload, running.digest, running.keyid);
      },
      ...(reviewer ? { authorizer: kubeHttpAuthorizer(reviewer, { logger: parts.logger }) } : {}),
    });
    return { close: async () => { await server.close(); await reviewer?.close(); } };
  } catch (e) {
    await reviewer?.close();
    throw e;
  }
}

/** `--unregister`: what an uninstall leaves (configurations, CRDs converting through us) removed. */
async function unregister(settings: ReturnType<typeof webhookSettings>, values: Parameters<typeof kubeConfigFromFlags>[0] & Parameters<typeof loggerFromFlags>[2], io: CliIO): Promise<number> {
  if (!settings.registration) throw new OrkError('USAGE', "--unregister needs --name and --service NAMESPACE/NAME (or --url) of the webhook to remove (see 'ork webhook --help')");
  const logger = loggerFromFlags('webhook', 'webhook', values, io);
  const kube = createKubeClient(kubeConfigFromFlags(values, io), { userAgent: 'orkestra-webhook' });
  try {
    const released = await releaseWebhook(kube, settings.registration.name, settings.registration.endpoint, logger);
    io.stdout(`deleted ValidatingWebhookConfiguration and MutatingWebhookConfiguration ${released.configurations} (if present)\n`);
    for (const crd of released.crds) io.stdout(`crd ${crd}: conversion set back to None\n`);
    for (const crd of released.skipped) io.stdout(`crd ${crd}: left alone (converted by another webhook now, or deleted)\n`);
    if (released.crds.length === 0 && released.skipped.length === 0) io.stdout('no CRD converts through this webhook\n');
    return EXIT.ok;
  } catch (caught) {
    throw asOrkError(caught);
  } finally {
    await kube.close();
    logger.close();
  }
}
