// `tls:` on a Secret: a self-signed CA and a serving certificate that the controller generates at
// reconcile time (controller/certs/tls-bundle.ts) and keeps across reconciles, regenerating it
// once `rotateAfter` has passed. Here the fields are read and checked, with upstream's defaults:
// commonName `<name>.<namespace>.svc`, validFor = rotateAfter or 1y, organization Orkestra. The
// child is of type kubernetes.io/tls; its data (tls.crt, tls.key, ca.crt) is the controller's.
// `rotateAfter` is read here for plain `once` Secrets too (config.ts).
import { parseDuration } from '../../template/notes/duration.js';
import { EntryFields } from './fields.js';
import type { KindContext } from './kind.js';

const TLS_TYPE = 'kubernetes.io/tls';
const TLS_KEYS = new Set(['commonName', 'dnsNames', 'validFor', 'organization']);
const HOST = /^(\*\.)?[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*$/;
const IP = /^[\d.]+$|:/;
/** Upstream's `never`: no rotation. */
const NEVER = new Set(['never', '0']);

export function tlsSecret(ctx: KindContext): Record<string, unknown> {
  const f = ctx.fields;
  const tls = f.object('tls');
  if (!tls) return { type: TLS_TYPE };
  for (const key of Object.keys(tls)) {
    if (!TLS_KEYS.has(key)) f.error(`tls.${key}`, `not supported; tls takes ${[...TLS_KEYS].join(', ')}`);
  }
  const sub = new EntryFields(tls, `${f.path}.tls`, f.problems);
  const commonName = sub.text('commonName') || `${ctx.name}.${ctx.namespace ?? ''}.svc`;
  const dnsNames = (sub.textList('dnsNames') ?? []).filter((n) => n !== '');
  dnsNames.forEach((n, i) => {
    if (!HOST.test(n) && !IP.test(n)) sub.error(`dnsNames[${i}]`, `${JSON.stringify(n)} is neither a DNS name nor an IP address`);
  });
  const organization = sub.text('organization') || 'Orkestra';
  const rotation = rotationOf(f);
  const rotateText = rotation?.rotateAfter;
  const rotateAfterMs = rotation?.rotateAfterMs;
  const validFor = sub.text('validFor') || (rotateAfterMs !== undefined ? rotateText : undefined) || '1y';
  const validForMs = duration(sub, 'validFor', validFor);
  if (f.has('data') || f.has('stringData')) f.warn('data', 'ignored: a tls Secret holds the generated tls.crt, tls.key and ca.crt (as upstream)');
  const type = f.text('type');
  if (type !== undefined && type.toLowerCase() !== TLS_TYPE) f.warn('type', `ignored: a tls Secret is of type ${TLS_TYPE}`);
  if (validForMs === undefined) return { type: TLS_TYPE };
  if (rotateAfterMs !== undefined && validForMs < rotateAfterMs) sub.warn('validFor', `shorter than rotateAfter (${rotateText}): the certificate expires before it is regenerated`);
  ctx.setSource({ type: 'tls', commonName, dnsNames, organization, validFor, validForMs, ...(rotation ?? {}) });
  return { type: TLS_TYPE };
}

/** `rotateAfter` read: absent, `never` or `0` (no rotation), else the duration; undefined after an error too. */
export function rotationOf(f: EntryFields): { rotateAfter: string; rotateAfterMs: number } | undefined {
  const text = f.text('rotateAfter');
  if (text === undefined || NEVER.has(text)) return undefined;
  const ms = duration(f, 'rotateAfter', text);
  return ms === undefined ? undefined : { rotateAfter: text, rotateAfterMs: ms };
}

/** Milliseconds of an upstream duration (`90d`, `1y`, `12h`), above zero; undefined after an error. */
function duration(fields: EntryFields, key: string, text: string): number | undefined {
  const ns = parseDuration(text);
  if (ns === undefined || ns <= 0n) {
    fields.error(key, `${JSON.stringify(text)} is not a duration above zero: write e.g. 90d, 1y, 12h or 30m`);
    return undefined;
  }
  return Number(ns / 1_000_000n);
}
