// Field-level difference between a live object and what a server-side apply dry-run returned for
// it: one FieldChange per leaf that differs. Ignores what the server owns (managedFields,
// resourceVersion, generation, uid, creationTimestamp, selfLink) and status. A Secret's data is
// never shown: any change under data/stringData becomes one `(secret data changed)` entry. Pure.
import type { FieldChange } from './types.js';

const IGNORED_METADATA = new Set(['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp', 'selfLink']);
const SECRET_FIELDS = new Set(['data', 'stringData']);
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

type Json = unknown;

export function diffObjects(live: Json, after: Json): FieldChange[] {
  const out: FieldChange[] = [];
  const l = comparable(live);
  const a = comparable(after);
  walk(l, a, '', out);
  return isSecret(live) || isSecret(after) ? maskSecretData(out) : out;
}

function comparable(object: Json): Record<string, unknown> {
  if (!isRecord(object)) return {};
  const { status: _status, metadata, ...rest } = object;
  const meta: Record<string, unknown> = {};
  if (isRecord(metadata)) for (const [k, v] of Object.entries(metadata)) if (!IGNORED_METADATA.has(k)) meta[k] = v;
  return { ...rest, metadata: meta };
}

function walk(old: Json, neu: Json, path: string, out: FieldChange[]): void {
  if (isRecord(old) && isRecord(neu)) {
    const keys = [...new Set([...Object.keys(old), ...Object.keys(neu)])].sort();
    for (const key of keys) {
      const at = join(path, key);
      if (!(key in neu)) out.push({ path: at, op: 'removed', old: old[key] });
      else if (!(key in old)) out.push({ path: at, op: 'added', new: neu[key] });
      else walk(old[key], neu[key], at, out);
    }
    return;
  }
  if (Array.isArray(old) && Array.isArray(neu)) {
    walkList(old, neu, path, out);
    return;
  }
  if (old !== neu) out.push({ path, op: 'changed', old, new: neu });
}

/** Lists of objects that all carry a distinct `name` (containers, env, ports) match by name; others by index. */
function walkList(old: Json[], neu: Json[], path: string, out: FieldChange[]): void {
  const byName = (list: Json[]) => {
    const names = list.map((item) => (isRecord(item) && typeof item.name === 'string' ? item.name : undefined));
    return names.every((n) => n !== undefined) && new Set(names).size === names.length ? (names as string[]) : undefined;
  };
  const oldNames = byName(old);
  const newNames = byName(neu);
  if (oldNames && newNames && (old.length > 0 || neu.length > 0)) {
    const oldAt = new Map(oldNames.map((n, i) => [n, old[i]]));
    const newAt = new Map(newNames.map((n, i) => [n, neu[i]]));
    for (const name of oldNames) {
      const at = `${path}[name=${name}]`;
      if (!newAt.has(name)) out.push({ path: at, op: 'removed', old: oldAt.get(name) });
      else walk(oldAt.get(name), newAt.get(name), at, out);
    }
    for (const name of newNames) if (!oldAt.has(name)) out.push({ path: `${path}[name=${name}]`, op: 'added', new: newAt.get(name) });
    return;
  }
  const common = Math.min(old.length, neu.length);
  for (let i = 0; i < common; i++) walk(old[i], neu[i], `${path}[${i}]`, out);
  for (let i = common; i < old.length; i++) out.push({ path: `${path}[${i}]`, op: 'removed', old: old[i] });
  for (let i = common; i < neu.length; i++) out.push({ path: `${path}[${i}]`, op: 'added', new: neu[i] });
}

function join(path: string, key: string): string {
  if (PLAIN_KEY.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function maskSecretData(changes: FieldChange[]): FieldChange[] {
  const rest = changes.filter((c) => !SECRET_FIELDS.has(topKey(c.path)));
  if (rest.length === changes.length) return changes;
  return [{ path: 'data', op: 'changed', secret: true }, ...rest];
}

function topKey(path: string): string {
  return /^[^.[]*/.exec(path)![0];
}

function isSecret(object: Json): boolean {
  return isRecord(object) && object.apiVersion === 'v1' && object.kind === 'Secret';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
