// Changes to the CRD as a whole: scope, group, names and the conversion strategy. Ids have an empty
// version and a path relative to the CRD's spec (`:scope:scope-changed`).
import { makeChange } from './change-id.js';
import type { Emit } from './keywords.js';
import type { CrdView } from './read-crd.js';
import type { ChangeKind, CrdChange } from './types.js';

export function compareCrdWide(old: CrdView, neu: CrdView, emit: Emit): void {
  const say = (severity: CrdChange['severity'], kind: ChangeKind, path: string, message: string) => emit(makeChange(severity, kind, { path }, message));
  const was = (v: string | undefined) => (v === undefined ? 'nothing' : JSON.stringify(v));

  if (old.scope !== neu.scope) {
    say('breaking', 'scope-changed', 'scope', `The scope changes from ${was(old.scope)} to ${was(neu.scope)}: the API server refuses to change it in place, and every client URL changes, so it needs a new CRD and a migration.`);
  }
  if (old.group !== neu.group) {
    say('breaking', 'group-changed', 'group', `The API group changes from ${was(old.group)} to ${was(neu.group)}: the CRD is named <plural>.<group>, so this is a different API and the old one's clients and objects are left behind.`);
  }
  if (old.kind !== neu.kind) {
    say('breaking', 'kind-changed', 'names.kind', `The kind changes from ${was(old.kind)} to ${was(neu.kind)}: manifests and clients that name the old kind are rejected.`);
  }
  if (old.plural !== neu.plural) {
    say('breaking', 'plural-changed', 'names.plural', `The plural name changes from ${was(old.plural)} to ${was(neu.plural)}: every resource URL and RBAC rule that names it changes.`);
  }
  if (old.singular !== neu.singular) {
    say('warning', 'singular-changed', 'names.singular', `The singular name changes from ${was(old.singular)} to ${was(neu.singular)}: kubectl commands and scripts that use it stop working.`);
  }
  if (old.listKind !== neu.listKind) {
    say('warning', 'list-kind-changed', 'names.listKind', `The list kind changes from ${was(old.listKind)} to ${was(neu.listKind)}: typed clients that decode lists by kind must change.`);
  }
  compareNameList(old.shortNames, neu.shortNames, 'shortNames', 'short-names', ['short name', 'short names'], emit);
  compareNameList(old.categories, neu.categories, 'categories', 'categories', ['category', 'categories'], emit);

  if (old.conversion !== neu.conversion) {
    const message = `The conversion strategy changes from ${old.conversion} to ${neu.conversion}`;
    if (neu.conversion === 'Webhook') {
      say('warning', 'conversion-changed', 'conversion.strategy', `${message}: the webhook must be running before the CRD is applied, or reads of converted objects fail.`);
    } else if (neu.versions.length > 1) {
      say('breaking', 'conversion-changed', 'conversion.strategy', `${message} while ${neu.versions.length} versions exist: objects are served in every version with only apiVersion rewritten, no longer converted.`);
    } else {
      say('safe', 'conversion-changed', 'conversion.strategy', `${message}; with a single version there is nothing to convert.`);
    }
  }
}

function compareNameList(before: string[], after: string[], field: string, kind: 'short-names' | 'categories', what: [string, string], emit: Emit): void {
  const removed = before.filter((n) => !after.includes(n));
  const added = after.filter((n) => !before.includes(n));
  const path = `names.${field}`;
  if (removed.length > 0) {
    emit(makeChange('warning', `${kind}-removed`, { path }, `The ${removed.length === 1 ? `${what[0]} ${removed[0]} is` : `${what[1]} ${removed.join(', ')} are`} removed: kubectl commands and scripts that use ${removed.length === 1 ? 'it' : 'them'} stop working.`));
  }
  if (added.length > 0) {
    emit(makeChange('safe', `${kind}-added`, { path }, `The ${added.length === 1 ? `${what[0]} ${added[0]} is` : `${what[1]} ${added.join(', ')} are`} added.`));
  }
}
