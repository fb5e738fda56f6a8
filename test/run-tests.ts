// The project's test entry point (`npm test`): runs every compiled `*.test.js` under dist/test with
// mocha and ends with the single line `N passed, N failed` that CI reads.
// Usage: node dist/test/run-tests.js [path-prefix...] [--grep PATTERN]
import Mocha from 'mocha';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const testRoot = fileURLToPath(new URL('.', import.meta.url));

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith('.test.js')) found.push(path);
  }
  return found;
}

const args = process.argv.slice(2);
const grepAt = args.indexOf('--grep');
const grep = grepAt >= 0 ? args.splice(grepAt, 2)[1] : undefined;
const prefixes = args.map((a) => a.replace(/^(dist\/)?test\//, '').replace(/\//g, sep));

const mocha = new Mocha({ reporter: 'spec', timeout: 30_000, ...(grep ? { grep } : {}) });
for (const file of findTests(testRoot)) {
  const rel = relative(testRoot, file);
  if (prefixes.length === 0 || prefixes.some((p) => rel.startsWith(p))) mocha.addFile(file);
}

await mocha.loadFilesAsync();
const runner = mocha.run();
runner.on('end', () => {
  const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
  const skipped = stats.pending > 0 ? `, ${stats.pending} skipped` : '';
  process.stdout.write(`\n${stats.passes} passed, ${stats.failures} failed${skipped}\n`);
  process.exitCode = stats.failures > 0 || stats.passes === 0 ? 1 : 0;
});
