// The bad-input corpus (test/corpus/cases/**, test/corpus/flags.yaml): every case is run through
// `ork` and must exit with its stated code and message, print no stack trace, leak no credential
// (stdout, stderr, termination message, any file written) and leave nothing partial behind.
import { expect } from 'chai';
import { join } from 'node:path';
import { repoRoot } from '../support/tools.js';
import { readCases, readFlagRows, type CorpusCase } from './case-format.js';
import { expectMessage, expectNoSecrets, expectNothingLeft, expectTermination, snapshot } from './checks.js';
import { clusterCase } from './cluster-state.js';
import { getCorpusWorld, type CorpusWorld } from './corpus-world.js';
import { layOut } from './materialise.js';
import { runCase } from './run-case.js';

const root = join(repoRoot, 'test', 'corpus');
const cases = [...readCases(join(root, 'cases')), ...readFlagRows(join(root, 'flags.yaml'))];

/** Runs one case; returns the seconds spent starting the API server (the first cluster case only). */
async function check(raw: CorpusCase, cw: CorpusWorld): Promise<number> {
  const cluster = raw.cluster ? await clusterCase(raw.id) : undefined;
  const startSeconds = cluster?.startSeconds ?? 0;
  const extra: Record<string, string> = cluster ? { KUBECONFIG: cluster.kubeconfig, NS: cluster.namespace } : {};
  const { c, laid } = await layOut(raw, cw, extra);
  const objectsBefore = await cluster?.objects();
  const before = snapshot(laid.dir);
  const r = await runCase(c, laid, cw.env);
  expectMessage(c, r);
  const written = expectNothingLeft(c, laid, before);
  const termination = expectTermination(c, laid);
  expectNoSecrets(cw.secrets, { stdout: r.out, stderr: r.err, ...(termination ? { termination } : {}), ...written });
  if (cluster) expect(await cluster.objects(), 'objects created on the cluster by a failed run').to.deep.equal(objectsBefore);
  return startSeconds;
}

describe('corpus: bad inputs', function () {
  this.timeout(60_000);
  let cw: CorpusWorld;
  let started = 0;
  let clusterStart = 0;

  before(async () => {
    cw = await getCorpusWorld();
    started = performance.now();
  });

  after(() => {
    const byCategory = new Map<string, number>();
    for (const c of cases) byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + 1);
    const summary = [...byCategory].map(([k, n]) => `${k} ${n}`).join(', ');
    const seconds = (performance.now() - started) / 1000 - clusterStart;
    process.stdout.write(`      corpus: ${cases.length} cases (${summary}) in ${seconds.toFixed(1)} s, not counting the servers' and the API server's start\n`);
  });

  it('holds at least 150 cases, each with a stated exit code and message', () => {
    expect(cases.length).to.be.at.least(150);
  });

  for (const c of cases) {
    it(`${c.id} → exit ${c.exit}`, async () => {
      clusterStart += await check(c, cw);
    });
  }
});
