// Renders charts/orkestra with a real helm binary and reads the result: the manifests as objects,
// the Deployment's pod spec, and the text with generated key material masked for golden files.
// Holds no expectations; the *.test.ts files beside it do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot, type HelmTool } from '../../support/tools.js';

export const CHART_DIR = join(repoRoot, 'charts', 'orkestra');
export const FULL_VALUES = join(CHART_DIR, 'ci', 'full-values.yaml');
export const RELEASE = 'orkestra';
export const NAMESPACE = 'orkestra-system';

/** The Prometheus Operator's API, as a cluster that serves it announces it to helm. */
export const MONITORING_API = ['--api-versions', 'monitoring.coreos.com/v1'];

/** ci/full-values.yaml on a cluster with the Prometheus Operator (so its objects render). */
export const FULL_ARGS = ['-f', FULL_VALUES, ...MONITORING_API];

/** The two values sets every structural test runs against. */
export const VALUE_SETS: { name: string; args: string[] }[] = [
  { name: 'default values', args: [] },
  { name: 'ci/full-values.yaml', args: FULL_ARGS },
];

/** `helm template orkestra charts/orkestra -n orkestra-system …` → stdout. */
export async function renderChart(helm: HelmTool, args: readonly string[] = []): Promise<string> {
  const { stdout } = await helm.run(['template', RELEASE, CHART_DIR, '--namespace', NAMESPACE, ...args]);
  return stdout;
}

/** Runs helm expecting it to fail; returns its error text (exit status and stderr tail). */
export async function helmFailure(helm: HelmTool, args: readonly string[]): Promise<string> {
  try {
    await helm.run(args);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`helm ${args.join(' ')} succeeded; expected it to fail`);
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: any;
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`rendered YAML does not parse: ${doc.errors[0]!.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

/** The one object of `kind` (named `name`); without a name, the controller's: webhook objects (component webhook) are left out. */
export function findObject(objects: K8sObject[], kind: string, name?: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind && (name === undefined ? !isWebhookObject(o) : o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0]!;
}

export const isWebhookObject = (o: K8sObject): boolean => o.metadata.labels?.['app.kubernetes.io/component'] === 'webhook';

export function podSpecOf(objects: K8sObject[]): any {
  return findObject(objects, 'Deployment').spec.template.spec;
}

/**
 * The generated key pair differs on every render (helm template has no cluster to look the Secret
 * up in): PEM blocks, and base64 strings of PEM text (Secret data), become fixed markers. Nothing
 * else is touched, so the rest of a golden file is compared byte for byte.
 */
export function maskKeyMaterial(text: string): string {
  return text
    .replace(/-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----/g, (_m, label: string) => `<generated PEM ${label}>`)
    .replace(/LS0tLS1CRUdJTi[A-Za-z0-9+/]*={0,2}/g, '<generated base64 PEM>');
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
