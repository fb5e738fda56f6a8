// values.yaml, values.schema.json, the README's values table, ci/full-values.yaml and Chart.yaml
// cannot drift apart: the same keys everywhere, the same defaults in the README as in values.yaml,
// a comment on every value, and the appVersion of the Orkestra release.
import { expect } from 'chai';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ORKESTRA_VERSION } from '../../../shared/version.js';
import { CHART_DIR, FULL_VALUES, readText } from './render.js';

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; additionalProperties?: unknown };

const values = parse(readText(join(CHART_DIR, 'values.yaml')));
const schema = JSON.parse(readText(join(CHART_DIR, 'values.schema.json'))) as Schema & { $schema: string };

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Dotted paths of the values users set one by one. A map the schema describes property by property
 * (our own objects) is walked into; a free-form map (resources, securityContext, crds, …), a list
 * or a scalar is one value.
 */
function leafPaths(value: unknown, node: Schema | undefined, prefix = ''): string[] {
  if (isMap(value) && node?.properties) {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, node.properties![k], prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

function valueAt(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (isMap(v) ? v[k] : undefined), root);
}

/** Rows of the README's "## Values" table: key → default (parsed as YAML) and type text. */
function readmeRows(): Map<string, { type: string; default: unknown }> {
  const text = readText(join(CHART_DIR, 'README.md'));
  const section = text.slice(text.indexOf('\n## Values'), text.indexOf('\n## ', text.indexOf('\n## Values') + 1));
  const rows = new Map<string, { type: string; default: unknown }>();
  for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    const key = cells[0]!.replace(/`/g, '');
    expect(rows.has(key), `README lists ${key} twice`).to.equal(false);
    rows.set(key, { type: cells[1]!, default: parse(cells[2]!.replace(/^`|`$/g, '')) });
  }
  return rows;
}

/** The line index of each key of a block-style YAML file, by dotted path. */
function keyLines(text: string): Map<string, number> {
  const lines = text.split('\n');
  const found = new Map<string, number>();
  const stack: { indent: number; key: string }[] = [];
  lines.forEach((line, i) => {
    const m = /^(\s*)([A-Za-z0-9_.-]+):(\s|$)/.exec(line);
    if (!m) return;
    const indent = m[1]!.length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    stack.push({ indent, key: m[2]! });
    found.set(stack.map((s) => s.key).join('.'), i);
  });
  return found;
}

const leaves = leafPaths(values, schema);

describe('charts/orkestra: values, schema, README and Chart.yaml agree', () => {
  it('has the documented number of values (sanity of the walk)', () => {
    expect(leaves).to.include.members(['replicaCount', 'image.repository', 'komposer.imports.files', 'komposer.crds', 'katalogs', 'resolver.resources', 'controller.leaderElection.retryPeriod', 'podSecurityContext']);
    expect(leaves).not.to.include('resolver.resources.requests.cpu');
  });

  it('lists every value of values.yaml in the README table, and nothing else', () => {
    expect([...readmeRows().keys()]).to.have.members(leaves);
  });

  it('gives in the README the default values.yaml has', () => {
    for (const [key, row] of readmeRows()) expect(row.default, `README default of ${key}`).to.deep.equal(valueAt(values, key));
  });

  it('comments every value in values.yaml', () => {
    const text = readText(join(CHART_DIR, 'values.yaml'));
    const lines = text.split('\n');
    const at = keyLines(text);
    for (const leaf of leaves) {
      const i = at.get(leaf);
      expect(i, `${leaf} not found in values.yaml`).to.be.a('number');
      let j = i! - 1;
      while (j >= 0 && lines[j]!.trim() === '') j--;
      expect(lines[j]?.trim().startsWith('#') || lines[i!]!.includes(' # '), `values.yaml: no comment on ${leaf}`).to.equal(true);
    }
  });

  it('describes exactly the keys of values.yaml in the schema, refusing unknown ones in our objects', () => {
    const schemaPaths = (node: Schema, prefix = ''): string[] =>
      Object.entries(node.properties ?? {}).flatMap(([k, child]) => {
        const path = prefix ? `${prefix}.${k}` : k;
        return child.properties ? schemaPaths(child, path) : [path];
      });
    // `global` is Helm's, shared by an umbrella chart with its subcharts: allowed, never ours to set.
    expect(schemaPaths(schema).filter((p) => p !== 'global')).to.have.members(leaves);
    expect(schema.properties?.global?.type).to.equal('object');
    expect(schema.$schema).to.equal('http://json-schema.org/draft-07/schema#');
    const objects = (node: Schema, path: string): [string, Schema][] =>
      node.properties ? [[path, node], ...Object.entries(node.properties).flatMap(([k, c]) => objects(c, `${path}.${k}`))] : [];
    for (const [path, node] of objects(schema, '(root)')) expect(node.additionalProperties, `${path} additionalProperties`).to.equal(false);
  });

  it('sets every value in ci/full-values.yaml', () => {
    const full = parse(readText(FULL_VALUES));
    const missing = leaves.filter((leaf) => valueAt(full, leaf) === undefined);
    expect(missing).to.deep.equal([]);
    const unchanged = leaves.filter((leaf) => JSON.stringify(valueAt(full, leaf)) === JSON.stringify(valueAt(values, leaf)));
    // Switches that must stay on for the full example to render everything; webhook.existingSecret
    // excludes the cert-manager example.
    expect(unchanged).to.have.members(['serviceAccount.create', 'rbac.create', 'podDisruptionBudget.enabled', 'metrics.service.enabled', 'controller.leaderElection.enabled', 'webhook.existingSecret']);
  });

  it('has the Chart.yaml the contract asks for, appVersion the Orkestra version', () => {
    const chart = parse(readText(join(CHART_DIR, 'Chart.yaml')));
    expect(chart).to.include({ apiVersion: 'v2', name: 'orkestra', version: '0.1.0', appVersion: ORKESTRA_VERSION, kubeVersion: '>=1.20.0-0' });
  });
});
