// A tolerant view of a CustomResourceDefinition manifest: the parts the comparison reads, with the
// API server's defaults filled in (singular, listKind, conversion None) so that a file and the
// cluster's copy of the same CRD compare equal. Never throws on odd input; missing parts are empty.

export type Rec = Record<string, unknown>;

export const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface CrdVersionView {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated: boolean;
  deprecationWarning: string | undefined;
  schema: Rec;
  printerColumns: Rec[];
  subresources: Rec;
}

export interface CrdView {
  group: string | undefined;
  scope: string | undefined;
  kind: string | undefined;
  plural: string | undefined;
  singular: string | undefined;
  listKind: string | undefined;
  shortNames: string[];
  categories: string[];
  conversion: string;
  versions: CrdVersionView[];
  /** `status.storedVersions` when the manifest has a status (the cluster's copy). */
  storedVersions: string[] | undefined;
}

export function readCrd(obj: unknown): CrdView {
  const root = isRecord(obj) ? obj : {};
  const spec = isRecord(root.spec) ? root.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  const status = isRecord(root.status) ? root.status : undefined;
  const kind = text(names.kind);
  const conversion = isRecord(spec.conversion) ? text(spec.conversion.strategy) : undefined;
  return {
    group: text(spec.group),
    scope: text(spec.scope),
    kind,
    plural: text(names.plural),
    singular: text(names.singular) ?? kind?.toLowerCase(),
    listKind: text(names.listKind) ?? (kind === undefined ? undefined : `${kind}List`),
    shortNames: strings(names.shortNames),
    categories: strings(names.categories),
    conversion: conversion ?? 'None',
    versions: readVersions(spec.versions),
    storedVersions: status && Array.isArray(status.storedVersions) ? strings(status.storedVersions) : undefined,
  };
}

function readVersions(value: unknown): CrdVersionView[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const versions: CrdVersionView[] = [];
  for (const v of value) {
    if (!isRecord(v) || typeof v.name !== 'string' || seen.has(v.name)) continue;
    seen.add(v.name);
    const schema = isRecord(v.schema) && isRecord(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : {};
    versions.push({
      name: v.name,
      served: v.served === true,
      storage: v.storage === true,
      deprecated: v.deprecated === true,
      deprecationWarning: text(v.deprecationWarning),
      schema,
      printerColumns: Array.isArray(v.additionalPrinterColumns) ? v.additionalPrinterColumns.filter(isRecord) : [],
      subresources: isRecord(v.subresources) ? v.subresources : {},
    });
  }
  return versions;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}
