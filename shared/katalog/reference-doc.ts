// docs/katalog.md, generated from katalog.schema.json: one section per mapping of the format, in
// the order a reader meets them from the top of a file, with every key's type and description and
// the keys refused (needs Go code, or not supported by this runtime). Pure: schema in, Markdown out;
// test/shared/katalog/reference-doc.test.ts fails when the committed file drifts.

type Schema = Record<string, unknown>;

const HEADER = `# Katalog and Komposer reference

<!-- Generated from shared/katalog/katalog.schema.json by shared/katalog/reference-doc.ts; do not
edit. Regenerate: npm run build && UPDATE_DOCS=1 node dist/test/run-tests.js shared/katalog/reference-doc -->

Every key of the format, as written in files for the Go runtime (orkspace/orkestra) or for this
one. Both upstream layouts are accepted and load into one model: the older
\`operatorBox.{reconciler, onCreate, onReconcile, onDelete, status}\` with \`validation\`/\`mutation\`
on the entry, and the current \`operatorBox.{reconcile, emit}\` with \`admission\`. A part written in
both layouts is an error. Keys described as *kept; not applied yet* load into the model and
\`ork validate\` prints a warning naming them. Keys under **Refused** are errors, with what to do
instead; an unknown key is an error with the nearest known key.
`;

export function katalogReference(schema: Schema): string {
  const definitions = (schema.definitions ?? {}) as Record<string, Schema>;
  const order = sectionOrder(schema, definitions);
  const types: TypeNames = { sections: new Set(order), definitions };
  const parts = [HEADER, section('document', 'The document', schema, types)];
  for (const name of order) parts.push(section(name, name, definitions[name]!, types));
  return `${parts.join('\n').trimEnd()}\n`;
}

/** Definitions that are mappings with keys, breadth first from the root, each once. */
function sectionOrder(root: Schema, definitions: Record<string, Schema>): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  const queue: Schema[] = [root];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const name of refsIn(node)) {
      if (seen.has(name) || !definitions[name]) continue;
      seen.add(name);
      if (definitions[name]!.properties) order.push(name);
      queue.push(definitions[name]!);
    }
  }
  return order;
}

/** The definitions a schema names, in the order its keys name them. */
function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (node === null || typeof node !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') out.push(value.replace('#/definitions/', ''));
    else out.push(...refsIn(value));
  }
  return out;
}

/** Definitions with a section are linked; the others are written out in place. */
interface TypeNames {
  sections: Set<string>;
  definitions: Record<string, Schema>;
}

function section(anchor: string, title: string, node: Schema, types: TypeNames): string {
  const { definitions } = types;
  const lines = [`## ${title}`, '', `<a id="${anchorOf(anchor)}"></a>`, ''];
  if (typeof node.description === 'string') lines.push(node.description, '');
  const required = new Set((node.required ?? []) as string[]);
  const rows = Object.entries((node.properties ?? {}) as Record<string, Schema>).map(([key, property]) => {
    const description = typeof property.description === 'string' ? property.description : describedBy(property, definitions);
    return `| \`${key}\`${required.has(key) ? ' (required)' : ''} | ${typeText(property, types)} | ${cell(description)} |`;
  });
  if (rows.length > 0) lines.push('| Key | Type | Description |', '|---|---|---|', ...rows, '');
  const refused = [
    ...Object.entries((node['x-needsGo'] ?? {}) as Record<string, string>).map(([key, hint]) => `| \`${key}\` | needs compiled Go code | ${cell(hint)} |`),
    ...Object.entries((node['x-goOnly'] ?? {}) as Record<string, string>).map(([key, hint]) => `| \`${key}\` | not supported by this runtime | ${cell(hint || 'remove it')} |`),
  ];
  if (refused.length > 0) lines.push('**Refused**', '', '| Key | Why | Instead |', '|---|---|---|', ...refused, '');
  return lines.join('\n');
}

function describedBy(property: Schema, definitions: Record<string, Schema>): string {
  const ref = typeof property.$ref === 'string' ? definitions[property.$ref.replace('#/definitions/', '')] : undefined;
  return typeof ref?.description === 'string' ? ref.description : '';
}

function typeText(node: Schema, types: TypeNames, depth = 0): string {
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/definitions/', '');
    if (types.sections.has(name)) return `[${name}](#${anchorOf(name)})`;
    const target = types.definitions[name];
    return target && depth < 4 ? typeText(target, types, depth + 1) : name;
  }
  if (node.const !== undefined) return `\`${String(node.const)}\``;
  if (Array.isArray(node.enum)) return node.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  const branches = (node.anyOf ?? node.oneOf) as Schema[] | undefined;
  if (branches) return branches.map((b) => typeText(b, types, depth + 1)).join(' or ');
  const kinds = Array.isArray(node.type) ? (node.type as string[]) : typeof node.type === 'string' ? [node.type] : [];
  if (kinds.includes('array')) return node.items ? `list of ${typeText(node.items as Schema, types, depth + 1)}` : 'list';
  if (kinds.length === 0) return 'any';
  return kinds.map((t) => (t === 'object' ? 'mapping' : t)).join(' or ');
}

function anchorOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
