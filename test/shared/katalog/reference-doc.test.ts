// docs/katalog.md is generated from the schema and every key of the schema has a description, so
// the reference cannot drift from what the loader accepts.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { katalogSchema } from '../../../shared/katalog/index.js';
import { katalogReference } from '../../../shared/katalog/reference-doc.js';

const DOC = fileURLToPath(new URL('../../../../docs/katalog.md', import.meta.url));
type Schema = Record<string, unknown>;

describe('shared/katalog reference doc', () => {
  it('docs/katalog.md is the generated reference (UPDATE_DOCS=1 rewrites it)', () => {
    const generated = katalogReference(katalogSchema);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, generated);
    expect(readFileSync(DOC, 'utf8') === generated, 'docs/katalog.md drifted from the schema; regenerate it (see its header)').to.equal(true);
  });

  it('gives every key of the schema a description (its own or its definition\'s)', () => {
    const definitions = katalogSchema.definitions as Record<string, Schema>;
    const missing: string[] = [];
    for (const [name, node] of [['document', katalogSchema] as [string, Schema], ...Object.entries(definitions)]) {
      for (const [key, property] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) {
        const ref = typeof property.$ref === 'string' ? definitions[property.$ref.replace('#/definitions/', '')] : undefined;
        if (typeof property.description !== 'string' && typeof ref?.description !== 'string') missing.push(`${name}.${key}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });

  it('lists both layouts, the refused Go keys and the informational keys', () => {
    const doc = katalogReference(katalogSchema);
    for (const text of ['| `reconcile` |', '| `emit` |', '| `admission` |', '| `reconciler` |', '| `hooks` | needs compiled Go code |', '| `author` |', '| `crFiles` |', '| `sources` |']) {
      expect(doc).to.contain(text);
    }
  });
});
