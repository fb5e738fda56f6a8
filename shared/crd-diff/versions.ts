// Changes to the list of versions: added, removed, (un)served, (un)deprecated, the storage version,
// and per version its printer columns and subresources; versions present in both are handed to
// schema-walk.ts. Whether a removal is breaking depends on who still uses the version: clients (it
// was served) or stored objects (it is in storedVersions).
import { sameValue, withoutDescriptions } from './value-equality.js';
import { childPath, makeChange } from './change-id.js';
import type { Emit } from './keywords.js';
import { isRecord, type CrdVersionView, type CrdView, type Rec } from './read-crd.js';
import { compareSchemas } from './schema-walk.js';
import { removalWaitsFor } from './storage-migration.js';

export function compareVersions(old: CrdView, neu: CrdView, storedVersions: readonly string[], emit: Emit): void {
  const after = new Map(neu.versions.map((v) => [v.name, v]));
  const before = new Set(old.versions.map((v) => v.name));
  for (const version of old.versions) {
    const next = after.get(version.name);
    if (next) compareVersion(version, next, emit);
    else versionRemoved(version, storedVersions.includes(version.name), old.versions.find((v) => v.storage)?.name, emit);
  }
  for (const version of neu.versions) {
    if (!before.has(version.name)) {
      emit(makeChange('safe', 'version-added', { version: version.name, path: '' }, `Version ${version.name} is added${version.served ? '' : ' (not served yet)'}.`));
    }
  }
  compareStorage(old, neu, emit);
}

function versionRemoved(version: CrdVersionView, stored: boolean, liveStorage: string | undefined, emit: Emit): void {
  const at = { version: version.name, path: '' };
  const reasons: string[] = [];
  if (version.served) reasons.push('clients that use it get 404 Not Found');
  if (stored) reasons.push(`the API server refuses the update: ${removalWaitsFor(version.name, liveStorage)}`);
  if (reasons.length === 0) {
    emit(makeChange('safe', 'version-removed', at, `Version ${version.name} is removed; it was neither served nor stored, so nothing used it.`));
  } else {
    emit(makeChange('breaking', 'version-removed', at, `Version ${version.name} is removed: ${reasons.join(', and ')}.`));
  }
}

function compareVersion(old: CrdVersionView, neu: CrdVersionView, emit: Emit): void {
  const at = { version: old.name, path: '' };
  if (old.served && !neu.served) {
    emit(makeChange('breaking', 'version-unserved', at, `Version ${old.name} is no longer served: clients that use it get 404 Not Found.`));
  } else if (!old.served && neu.served) {
    emit(makeChange('safe', 'version-served', at, `Version ${old.name} is now served.`));
  }
  if (!old.deprecated && neu.deprecated) {
    emit(makeChange('warning', 'version-deprecated', at, `Version ${old.name} is deprecated: clients that use it get a warning on every request and should move to a newer version.`));
  } else if (old.deprecated && !neu.deprecated) {
    emit(makeChange('safe', 'version-undeprecated', at, `Version ${old.name} is no longer deprecated.`));
  } else if (old.deprecated && old.deprecationWarning !== neu.deprecationWarning) {
    emit(makeChange('safe', 'deprecation-warning-changed', at, `The deprecation warning of version ${old.name} changed.`));
  }
  comparePrinterColumns(old, neu, emit);
  compareSubresource(old, neu, 'status', emit);
  compareSubresource(old, neu, 'scale', emit);
  compareSchemas(old.name, old.schema, neu.schema, emit);
}

function comparePrinterColumns(old: CrdVersionView, neu: CrdVersionView, emit: Emit): void {
  const byName = (columns: Rec[]) => new Map(columns.filter((c) => typeof c.name === 'string').map((c) => [c.name as string, c]));
  const before = byName(old.printerColumns);
  const after = byName(neu.printerColumns);
  const at = (name: string) => ({ version: old.name, path: childPath('additionalPrinterColumns', name) });
  for (const [name, column] of before) {
    const next = after.get(name);
    if (!next) {
      emit(makeChange('warning', 'printer-column-removed', at(name), `The column ${JSON.stringify(name)} is no longer printed by kubectl get for ${old.name}: scripts that read it break.`));
    } else if (!sameValue(withoutDescriptions(column), withoutDescriptions(next))) {
      emit(makeChange('warning', 'printer-column-changed', at(name), `The column ${JSON.stringify(name)} that kubectl get prints for ${old.name} changes (now ${String(next.type ?? 'untyped')} from ${String(next.jsonPath ?? 'nothing')}): scripts that read it may break.`));
    }
  }
  for (const name of after.keys()) {
    if (!before.has(name)) emit(makeChange('safe', 'printer-column-added', at(name), `kubectl get prints a new column ${JSON.stringify(name)} for ${old.name}.`));
  }
}

/**
 * Removing /status or /scale removes an endpoint clients call (controllers writing status, the
 * HorizontalPodAutoscaler, kubectl scale): breaking, like removing a served version.
 */
function compareSubresource(old: CrdVersionView, neu: CrdVersionView, name: 'status' | 'scale', emit: Emit): void {
  const before = old.subresources[name];
  const after = neu.subresources[name];
  const at = { version: old.name, path: `subresources.${name}` };
  const who = name === 'status' ? 'clients that write status through /status (controllers) get 404 Not Found' : 'kubectl scale and autoscalers that use /scale get 404 Not Found';
  if (isRecord(before) && !isRecord(after)) {
    emit(makeChange('breaking', 'subresource-removed', at, `Version ${old.name} no longer has the ${name} subresource: ${who}.`));
  } else if (!isRecord(before) && isRecord(after)) {
    const more = name === 'status' ? ': writes to the main resource now ignore status, and status is written through /status' : '';
    emit(makeChange(name === 'status' ? 'warning' : 'safe', 'subresource-added', at, `Version ${old.name} gains the ${name} subresource${more}.`));
  } else if (isRecord(before) && isRecord(after) && !sameValue(before, after)) {
    emit(makeChange('warning', 'subresource-changed', at, `The ${name} subresource of version ${old.name} reads different fields (for example specReplicasPath): autoscalers and kubectl scale act on them.`));
  }
}

/**
 * A new storage version is safe when a conversion webhook converts between versions, or when the
 * None strategy loses nothing because both versions' schemas are the same (descriptions aside);
 * otherwise objects written before and after are silently different shapes under one apiVersion.
 */
function compareStorage(old: CrdView, neu: CrdView, emit: Emit): void {
  const before = old.versions.find((v) => v.storage);
  const after = neu.versions.find((v) => v.storage);
  if (!before || !after || before.name === after.name) return;
  const at = { version: after.name, path: '' };
  const message = `The storage version changes from ${before.name} to ${after.name}`;
  const stays = `objects already stored as ${before.name} stay so until the controller's storage-version migration rewrites them and trims status.storedVersions (then ${before.name} can be removed)`;
  if (neu.conversion === 'Webhook') {
    emit(makeChange('safe', 'storage-version-changed', at, `${message}; the conversion webhook converts between them, and ${stays}.`));
  } else if (sameSchema(before.schema, after.schema)) {
    emit(makeChange('safe', 'storage-version-changed', at, `${message}; their schemas are identical, so conversion None (only apiVersion is rewritten) loses nothing, and ${stays}.`));
  } else {
    emit(makeChange('breaking', 'storage-version-changed', at, `${message} without a conversion webhook although their schemas differ: objects stored as ${before.name} are served as ${after.name} with only apiVersion rewritten (add a conversion webhook, or keep the schemas identical).`));
  }
}

function sameSchema(a: Rec, b: Rec): boolean {
  try {
    return sameValue(withoutDescriptions(a), withoutDescriptions(b));
  } catch {
    return false; // too deep to compare: assume they differ
  }
}
