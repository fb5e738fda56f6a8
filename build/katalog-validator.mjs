// `npm run build`, after tsc: the Katalog schema's validator compiled once, here, into
// dist/shared/katalog/katalog-validate.cjs (and dist/bundle/, beside the bundled CLI), so that no
// `ork` process spends ≈ 0.5–0.8 s of CPU compiling it (shared/katalog/schema-validator.ts).
// Usage: node build/katalog-validator.mjs [DIST_DIR]   (default dist)
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Writes the precompiled validator into DIST/shared/katalog/; returns its path. */
export async function writeKatalogValidator(dist = 'dist') {
  const { standaloneValidatorModule, PRECOMPILED_FILE } = await import(pathToFileURL(resolve(dist, 'shared/katalog/schema-validator.js')).href);
  const file = join(dist, 'shared/katalog', PRECOMPILED_FILE);
  writeFileSync(file, standaloneValidatorModule());
  return file;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  process.stdout.write(`wrote ${await writeKatalogValidator(process.argv[2])}\n`);
}
