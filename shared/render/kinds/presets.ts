// Upstream's built-in profiles as the renderer expands them: a name the Katalog did not declare
// (those are expanded at load, shared/katalog/child-profile-expand.ts), including one a template
// produced. An unknown name is an error naming the field, with "did you mean". Pure.
import { builtin } from '../../katalog/builtin-profiles.js';
import { suggestion } from '../../katalog/suggest.js';
import type { EntryFields } from './fields.js';

/** The built-in preset `name` from `table`, or an error at `key` (a path below the entry). */
export function preset<T>(f: EntryFields, key: string, cls: string, table: Readonly<Record<string, T>>, name: unknown): T | undefined {
  if (typeof name !== 'string' || name === '') {
    f.error(key, `expected a ${cls} profile name, got ${JSON.stringify(name)}`);
    return undefined;
  }
  const found = builtin(table, name);
  if (found) return found;
  const names = Object.keys(table);
  const near = suggestion(name, names);
  f.error(key, `unknown ${cls} profile ${JSON.stringify(name)}${near.startsWith(' (did') ? near : ''}: use one of ${names.join(', ')}, or declare it under profiles.${cls}`);
  return undefined;
}
