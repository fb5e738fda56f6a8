// Acceptance, security negatives against real servers: unsafe chart archives (traversal, absolute
// path, symlink, hard link, gzip bomb, too many entries, an oversize download) → exit 4 with
// ARCHIVE_UNSAFE / IMPORT_TOO_LARGE; an https→http redirect is refused; a file import cannot leave
// the Komposer's tree; and no credential — header or query string — reaches any output.
import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tgz, type TarEntry } from '../../fixtures/oci/tarball.js';
import { getWorld, type World } from './world.js';
import { expectFailedCleanly, expectNoSecrets, goodBundle, ork, outWithOldBundle, outputsOf, resolveArgs, writeKomposer } from './run.js';

const chartYaml = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`;

/** name → archive bytes of hostile charts, each starting with an honest Chart.yaml. */
function hostileCharts(): Record<string, Buffer> {
  const chart = (name: string, entries: TarEntry[]): Buffer => tgz([{ name: `${name}/Chart.yaml`, data: chartYaml(name) }, ...entries]);
  return {
    'evil-traversal': chart('evil-traversal', [{ name: 'evil-traversal/../../escape.yaml', data: 'kind: Katalog\n' }]),
    'evil-absolute': chart('evil-absolute', [{ name: '/etc/cron.d/evil', data: '* * * * * root true\n' }]),
    'evil-symlink': chart('evil-symlink', [{ name: 'evil-symlink/crds/site.yaml', type: '2', linkname: '/etc/passwd' }]),
    'evil-hardlink': chart('evil-hardlink', [{ name: 'evil-hardlink/crds/site.yaml', type: '1', linkname: '/etc/shadow' }]),
    'evil-bomb': chart('evil-bomb', [{ name: 'evil-bomb/crds/bomb.yaml', data: Buffer.alloc(48 * 1024 * 1024) }]),
    'evil-entries': chart('evil-entries', Array.from({ length: 10_001 }, (_, i) => ({ name: `evil-entries/crds/${i}.yaml`, data: '' }))),
  };
}

describe('resolver e2e: security negatives', function () {
  this.timeout(60_000);
  let world: World;
  let good: string;
  const oversize = randomBytes(16 * 1024 * 1024 + 1);

  before(async () => {
    world = await getWorld();
    good = await goodBundle(world);
    const evilDir = join(world.dir, 'chart-evil');
    const entries: Record<string, unknown[]> = {};
    const charts = { ...hostileCharts(), 'evil-oversize': oversize };
    for (const [name, bytes] of Object.entries(charts)) {
      writeFileSync(join(evilDir, `${name}-1.0.0.tgz`), bytes);
      // A correct digest: the archive is what the index promises; it is its content that is hostile.
      entries[name] = [{ apiVersion: 'v2', name, version: '1.0.0', urls: [`${name}-1.0.0.tgz`], digest: createHash('sha256').update(bytes).digest('hex') }];
    }
    writeFileSync(join(evilDir, 'index.yaml'), stringify({ apiVersion: 'v1', entries }));
  });

  async function fails(name: string, imports: object, exit: number, code: string, env?: Record<string, string | undefined>) {
    const out = outWithOldBundle(world, good, name);
    const r = await ork(world, resolveArgs(world, writeKomposer(world, name, imports), out), env ? { env } : {});
    expect(r.code, r.err).to.equal(exit);
    const termination = expectFailedCleanly(r, out, code);
    expectNoSecrets(world, { stdout: r.out, stderr: r.err, ...outputsOf(out) });
    return { err: r.err, termination, ms: r.ms };
  }

  const archives: [string, RegExp][] = [
    ['evil-traversal', /"evil-traversal\/\.\.\/\.\.\/escape\.yaml"/],
    ['evil-absolute', /"\/etc\/cron\.d\/evil".*absolute/],
    ['evil-symlink', /"evil-symlink\/crds\/site\.yaml".*symbolic link/],
    ['evil-hardlink', /"evil-hardlink\/crds\/site\.yaml".*hard link/],
    ['evil-bomb', /"evil-bomb\/crds\/bomb\.yaml"/],
    ['evil-entries', /entries|×/],
  ];
  for (const [chart, says] of archives) {
    it(`refuses the chart ${chart} with ARCHIVE_UNSAFE, exit 4, quickly, leaving no bundle`, async () => {
      const { err, ms } = await fails(chart, { helm: [{ repo: `${world.charts.origin}/evil`, chart, version: '1.0.0' }] }, 4, 'ARCHIVE_UNSAFE');
      expect(err).to.match(says);
      expect(err).to.contain(`helm:${world.charts.origin}/evil/${chart}@1.0.0`);
      expect(ms).to.be.below(5000);
    });
  }

  it('refuses a chart download over the import size limit with IMPORT_TOO_LARGE, exit 4', async () => {
    const { err } = await fails('evil-oversize', { helm: [{ repo: `${world.charts.origin}/evil`, chart: 'evil-oversize', version: '1.0.0' }] }, 4, 'IMPORT_TOO_LARGE');
    expect(err).to.contain(`exceeds the limit of ${16 * 1024 * 1024} bytes`);
  });

  it('refuses an https → http redirect without following it, even with loopback http allowed (exit 3)', async () => {
    const target = `${world.charts.origin}/repo/never-fetched.yaml`;
    world.route('/redirect/katalog.yaml', (_req, res) => void res.writeHead(302, { location: target }).end());
    const before = world.charts.requests.length;
    const { err } = await fails('redirect', { files: [{ url: world.url('/redirect/katalog.yaml'), auth: { type: 'bearer', fromEnv: 'BEARER_TOKEN' } }] }, 3, 'IMPORT_FETCH_FAILED');
    expect(err).to.contain(`refused a redirect from https to ${target}`);
    expect(world.charts.requests.slice(before).map((r) => r.path)).not.to.include('/repo/never-fetched.yaml');
  });

  it('refuses a file import that leaves the Komposer directory (exit 2)', async () => {
    for (const path of ['../../../../etc/hostname', '/etc/hostname']) {
      const { err } = await fails('outside', { files: [path] }, 2, 'IMPORT_INVALID');
      expect(err).to.contain(`file:${path}`);
    }
  });

  it('keeps a token in a URL query string out of the bundle, stdout and stderr (success and failure)', async () => {
    const secret = `qs-${randomBytes(10).toString('hex')}`;
    const ok = outWithOldBundle(world, good, 'query-ok');
    const r = await ork(world, resolveArgs(world, writeKomposer(world, 'query-ok', { files: [world.url(`/public/beta.yaml?access_token=${secret}`)] }, { beta: { dependsOn: {} } }), ok, '--json'));
    expect(r.code, r.err).to.equal(0);
    expect(world.https.requests.some((q) => q.path.includes(secret)), 'the token was sent').to.equal(true);
    const failed = await fails('query-fail', { files: [world.url(`/public/missing.yaml?access_token=${secret}`)] }, 3, 'IMPORT_NOT_FOUND');
    for (const [where, text] of Object.entries({ stdout: r.out, stderr: r.err, ...outputsOf(ok), failure: failed.err, termination: failed.termination })) {
      expect(text, where).not.to.contain(secret);
    }
  });
});
