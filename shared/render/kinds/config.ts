// ConfigMap and Secret. ConfigMap values must be text (numbers and booleans are converted,
// structures refused: embed them with toYaml/toJson). Secret `stringData` is encoded into `data`
// here so the desired object is what the API server stores and drift checks compare like with like.
import { FAILED } from '../templating.js';
import type { KindContext, KindSpec } from './kind.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}

export const configMap: KindSpec = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  fields: ['data'],
  build(ctx) {
    return { data: sortedKeys(ctx.fields.textMap('data') ?? {}) };
  },
};

export const secret: KindSpec = {
  apiVersion: 'v1',
  kind: 'Secret',
  fields: ['data', 'stringData', 'once'],
  build(ctx: KindContext) {
    const f = ctx.fields;
    const data: Record<string, string> = {};
    const given = f.object('data');
    for (const [key, value] of Object.entries(given ?? {})) {
      if (value === FAILED) continue;
      // Never echo the value: it is secret.
      if (typeof value !== 'string' || !BASE64.test(value)) f.problems.error(`${f.path}.data.${key}`, 'expected base64 text (put plain text under stringData, or pipe it through b64enc)');
      else data[key] = value;
    }
    for (const [key, value] of Object.entries(f.textMap('stringData') ?? {})) {
      data[key] = Buffer.from(value, 'utf8').toString('base64');
    }
    return { type: 'Opaque', data: sortedKeys(data) };
  },
};
