// docs/observability.md lists every metric family the controller's registry exposes (process
// metrics aside), and nothing it does not: a metric added without its row, or a row left behind
// by a removed metric, fails here.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ControllerMetrics, storageMigrationMetrics } from '../../../controller/observe/index.js';
import { repoRoot } from '../../support/tools.js';
import { parseExposition } from './exposition.js';

/** Families of a registry with every lazily registered group created too. */
async function exposedFamilies(): Promise<string[]> {
  const metrics = new ControllerMetrics({ processMetrics: false });
  storageMigrationMetrics(metrics.registry);
  return [...parseExposition(await metrics.metrics()).types.keys()].sort();
}

/** The first cell of each row of the doc's metrics table: `| \`name\` | type | …`. */
function documentedFamilies(doc: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const m of doc.matchAll(/^\| `([a-z_]+)` \| (counter|gauge|histogram) \|/gm)) rows.set(m[1]!, m[2]!);
  return rows;
}

describe('controller/observe: docs/observability.md lists the metrics', () => {
  it('has one row per exposed family, with its type, and none for a family not exposed', async () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'observability.md'), 'utf8');
    const documented = documentedFamilies(doc);
    const exposed = await exposedFamilies();
    expect(exposed.length).to.be.greaterThan(30);
    expect([...documented.keys()].sort()).to.deep.equal(exposed);
    const types = parseExposition(await new ControllerMetrics({ processMetrics: false }).metrics()).types;
    for (const [name, type] of documented) if (types.has(name)) expect(type, name).to.equal(types.get(name));
  });
});
