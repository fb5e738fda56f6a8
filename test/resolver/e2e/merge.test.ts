// Acceptance: composition errors across real sources — the same CRD name from two sources, two CRD
// names with one group/version/kind, a dependsOn cycle across imports, and a key this runtime does
// not support in an imported Katalog — each exit 2 (KATALOG_INVALID) with a message naming the
// sources by their credential-free labels, at the Komposer that merges them (and file:line:col
// for the unsupported key).
import { expect } from 'chai';
import { expectFailedCleanly, expectNoSecrets, ork, outWithOldBundle, outputsOf, resolveArgs, useWorldAndGoodBundle } from './run.js';

describe('resolver e2e: merge conflicts, GVK clashes, cycles and unsupported keys name their sources', function () {
  this.timeout(60_000);
  const { world, good } = useWorldAndGoodBundle();

  async function fails(komposer: string): Promise<{ err: string; termination: string }> {
    const out = outWithOldBundle(world(), good(), komposer);
    const r = await ork(world(), resolveArgs(world(), komposer, out));
    expect(r.code, r.err).to.equal(2);
    const termination = expectFailedCleanly(r, out, 'KATALOG_INVALID');
    expectNoSecrets(world(), { stdout: r.out, stderr: r.err, ...outputsOf(out) });
    return { err: r.err, termination };
  }

  it('the same CRD name from a local file and a bearer-protected URL names both', async () => {
    const { err, termination } = await fails('conflict.yaml');
    const line = `conflict.yaml: spec.crds.cache: CRD 'cache' is declared by both file:./merge/cache.yaml and url:${world().https.origin}/bearer/katalog.yaml; remove it from one of them`;
    expect(err).to.contain(line);
    expect(termination).to.contain(line);
  });

  it('two CRD names with the same group/version/kind name both entries and both sources', async () => {
    const { err } = await fails('gvk-clash.yaml');
    expect(err).to.contain(
      `gvk-clash.yaml: spec.crds.database.apiTypes: CRDs 'mydb' (file:./merge/mydb.yaml) and 'database' (oci:${world().registry.address}/orkestra/postgres:1.4.0) both declare data.example.org/v1, Kind=Database`,
    );
  });

  it('a dependsOn cycle between a local file and an HTTPS import names the cycle with its sources', async () => {
    const { err } = await fails('cycle.yaml');
    expect(err).to.contain(
      `cycle.yaml: spec.crds.alpha.dependsOn: dependency cycle across sources: alpha (file:./merge/alpha.yaml) → beta (url:${world().https.origin}/public/beta.yaml) → alpha (file:./merge/alpha.yaml)`,
    );
  });

  it('an unknown list in an imported Katalog is refused at its source, line and column', async () => {
    const { err, termination } = await fails('unsupported.yaml');
    // remote/unknown-list.yaml: `hpas:` is on line 11, column 11.
    const where = `url:${world().https.origin}/public/unknown-list.yaml:11:11: spec.crds.agent.operatorBox.onCreate.hpas: unknown key (did you mean "hpa"?)`;
    expect(err).to.contain(where);
    expect(termination).to.contain(where);
  });

  it('refuses an imported Komposer (imports do not nest), naming the import', async () => {
    const { err } = await fails('nested.yaml');
    expect(err).to.contain('file:./conflict.yaml:');
    expect(err).to.contain('an imported document may not be a Komposer');
  });
});
