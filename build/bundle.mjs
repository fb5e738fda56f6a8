// `npm run build`'s last step: the compiled CLI (dist/cli/main.js and everything it imports, npm
// packages included) as a few ES module files in dist/bundle/ — main.js, one file per lazily
// loaded command, and chunks they share — which the image runs as `ork`. Same code, same order of
// evaluation; what it saves is Node's per-file module loading: `ork controller` loads ~620 files
// unbundled (473 compiled modules, ~150 from packages) and ~30 bundled, measured in
// docs/benchmarks.md (*Start-up and idle*). Beside them, controller.cjs: `ork controller` alone
// in one CommonJS file, what the image runs for the controller container. Packages loaded through
// createRequire at run time (undici's core files, ajv on first use) stay in node_modules, so
// node_modules ships as before;
// the precompiled Katalog validator (build/katalog-validator.mjs) is copied beside main.js.
// Usage: node build/bundle.mjs [DIST_DIR [OUT_DIR]]   (defaults dist, dist/bundle)
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** CommonJS packages inside an ES module bundle call `require`: give them Node's, from the bundle's place. */
const REQUIRE_SHIM = "import { createRequire as __orkCreateRequire } from 'node:module'; const require = __orkCreateRequire(import.meta.url);";

/** Bundles DIST/cli/main.js into OUT (emptied first); returns the entry point's path. */
export async function bundleCli(dist = 'dist', out = join(dist, 'bundle')) {
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(dist, 'cli', 'main.js') },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: REQUIRE_SHIM },
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
    legalComments: 'none',
  });
  // `ork controller` on its own (cli/controller-main.ts) as one CommonJS file, which the image's
  // `ork` runs for the controller container (build/ork-entrypoint.sh): no chunk to link and no
  // other command inside; what the controller imports lazily is in the same file, evaluated where
  // the import() was. CommonJS rather than an ES module: Node reads and compiles one script
  // without its ES module loader (CPU to the first CR Ready −50 ms, docs/benchmarks.md, *Eleventh
  // pass*). import.meta.url is the file's own URL, as createRequire and the precompiled validator
  // beside it expect.
  await build({
    entryPoints: { controller: join(dist, 'cli', 'controller-main.js') },
    outdir: out,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    splitting: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    banner: { js: "var __orkImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__orkImportMetaUrl' },
    logLevel: 'warning',
    legalComments: 'none',
  });
  asciiComments(out);
  const main = join(out, 'main.js');
  chmodSync(main, 0o755);
  // The precompiled Katalog validator (build/katalog-validator.mjs), where the bundled schema code looks for it.
  const validator = join(dist, 'shared', 'katalog', 'katalog-validate.cjs');
  if (existsSync(validator)) copyFileSync(validator, join(out, 'katalog-validate.cjs'));
  return main;
}

/**
 * esbuild writes code as ASCII (its default charset: strings, regular expressions and identifiers
 * escaped) but keeps comments as they are, and one `→` or `—` in a comment makes V8 hold the whole
 * file as a two-byte string and Node decode it on the slow path. What non-ASCII is left is in
 * comments: written there as `\u{…}` text instead. Idle RSS of `ork controller` −1 MiB
 * (docs/benchmarks.md, *Eighth pass*).
 */
function asciiComments(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.c?js$/.test(entry.name)) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    const text = readFileSync(file, 'utf8');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range itself
    const ascii = text.replace(/[^\x00-\x7f]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
    if (ascii !== text) writeFileSync(file, ascii);
  }
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const main = await bundleCli(process.argv[2], process.argv[3]);
  process.stdout.write(`bundled ${main}\n`);
}
