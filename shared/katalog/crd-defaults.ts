// The `default`s of a CRD's structural schema, filled into a CR the way the API server fills them
// when the CR is created: a property absent from an object gets a copy of its schema's default,
// then every present value is walked (object properties, additionalProperties, list items).
// `ork template` renders a sample CR that never went through an API server, so it applies them
// itself: a Katalog reading `.spec.port` that the CRD defaults to 8080 renders as the controller
// would see it. metadata is left alone (the API server does not default it from the schema). Pure.

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A copy of `cr` with its CRD's schema defaults filled in (the version the CR names, else the storage one). */
export function withCrdDefaults<T extends Rec>(cr: T, crd: unknown): T {
  const schema = schemaFor(crd, typeof cr.apiVersion === 'string' ? cr.apiVersion.slice(cr.apiVersion.lastIndexOf('/') + 1) : '');
  if (!schema) return cr;
  const { metadata, ...rest } = cr;
  const filled = fill(structuredClone(rest), schema) as Rec;
  return { ...filled, ...(metadata === undefined ? {} : { metadata }) } as T;
}

function schemaFor(crd: unknown, version: string): Rec | undefined {
  const versions = isRecord(crd) && isRecord(crd.spec) && Array.isArray(crd.spec.versions) ? crd.spec.versions.filter(isRecord) : [];
  const chosen = versions.find((v) => v.name === version) ?? versions.find((v) => v.storage === true);
  const schema = chosen && isRecord(chosen.schema) ? chosen.schema.openAPIV3Schema : undefined;
  return isRecord(schema) ? schema : undefined;
}

function fill(value: unknown, schema: Rec): unknown {
  if (Array.isArray(value)) return isRecord(schema.items) ? value.map((item) => fill(item, schema.items as Rec)) : value;
  if (!isRecord(value)) return value;
  const properties = isRecord(schema.properties) ? schema.properties : {};
  for (const [key, sub] of Object.entries(properties)) {
    if (!isRecord(sub)) continue;
    if (value[key] === undefined && sub.default !== undefined) value[key] = structuredClone(sub.default);
    if (value[key] !== undefined) value[key] = fill(value[key], sub);
  }
  if (isRecord(schema.additionalProperties)) {
    for (const key of Object.keys(value)) if (!(key in properties)) value[key] = fill(value[key], schema.additionalProperties);
  }
  return value;
}
