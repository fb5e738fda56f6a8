// Reads one rendered entry's fields by type for a kind builder, recording a problem (named
// `<entry path>.<field>`) for each value that does not fit. A field whose template already failed
// reads as absent: its problem is recorded once, where it happened.
import type { Problems } from '../problems.js';
import { FAILED } from '../templating.js';
import {
  isUnset, scalarToText, toInteger, toList, toObject, toOneOf, toText, type Checked,
} from '../typecheck.js';

export class EntryFields {
  constructor(
    readonly entry: Record<string, unknown>,
    readonly path: string,
    readonly problems: Problems,
  ) {}

  has(key: string): boolean {
    return !isUnset(this.entry[key]) && this.entry[key] !== FAILED;
  }

  error(key: string, message: string): void {
    this.problems.error(`${this.path}.${key}`, message);
  }

  warn(key: string, message: string): void {
    this.problems.warn(`${this.path}.${key}`, message);
  }

  private read<T>(key: string, check: (v: unknown) => Checked<T>, required: boolean, hint = ''): T | undefined {
    const value = this.entry[key];
    if (value === FAILED) return undefined;
    if (isUnset(value)) {
      if (required) this.error(key, `required${hint}`);
      return undefined;
    }
    const r = check(value);
    if (r.ok) return r.value;
    this.error(key, r.message);
    return undefined;
  }

  int(key: string, min: number, max: number, required = false): number | undefined {
    return this.read(key, (v) => toInteger(v, min, max), required);
  }

  port(key: string, required = false): number | undefined {
    return this.int(key, 1, 65535, required);
  }

  text(key: string, required = false, hint = ''): string | undefined {
    return this.read(key, toText, required, hint);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    return this.read(key, (v) => toOneOf(v, allowed), false);
  }

  object(key: string, required = false, hint = ''): Record<string, unknown> | undefined {
    return this.read(key, toObject, required, hint);
  }

  list(key: string, required = false): unknown[] | undefined {
    return this.read(key, toList, required);
  }

  /** A list of strings (command, args); numbers and booleans become text. */
  textList(key: string): string[] | undefined {
    const list = this.list(key);
    if (!list) return undefined;
    const out: string[] = [];
    list.forEach((item, i) => {
      const r = scalarToText(item);
      if (r.ok) out.push(r.value);
      else if (item !== FAILED) this.problems.error(`${this.path}.${key}[${i}]`, r.message);
    });
    return out;
  }

  /** A map of text values (labels, ConfigMap data); numbers and booleans become text. */
  textMap(key: string): Record<string, string> | undefined {
    const obj = this.object(key);
    if (!obj) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (v === FAILED) continue;
      const r = scalarToText(v);
      if (r.ok) out[k] = r.value;
      else this.problems.error(`${this.path}.${key}.${k}`, r.message);
    }
    return out;
  }

  /** Keys the kind does not take, each reported as not supported (never silently ignored). */
  rejectUnknown(allowed: ReadonlySet<string>, listKey: string): void {
    for (const key of Object.keys(this.entry)) {
      if (!allowed.has(key)) this.error(key, `not supported for ${listKey}`);
    }
  }
}
