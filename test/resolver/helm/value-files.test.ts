// A helm import's valueFiles (resolver/helm/value-files.ts), rendered by the real helm binary from a
// real chart repository on 127.0.0.1: files merged in order (maps key by key, later wins), inline
// values replacing whole top-level keys, paths relative to the Komposer and confined to it, $NAME.
import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { helmSource } from '../../../resolver/sources/helm.js';
import type { SourceContext } from '../../../resolver/sources/source.js';
import type { HelmImport } from '../../../shared/katalog/types.js';
import { getHelm, tempDir, type HelmTool } from '../../support/tools.js';
import { startHttpServer, type TestServer } from '../../support/https-server.js';
import { rejection } from '../../support/errors.js';

const chartsDir = fileURLToPath(new URL('../../../../test/fixtures/charts/', import.meta.url));

describe('resolver/helm/value-files with the real helm', function () {
  this.timeout(120_000);
  let helm: HelmTool;
  let server: TestServer;
  let komposerDir: string;
  let spec: HelmImport;
  const context = (extra: Partial<SourceContext> = {}): SourceContext => ({ env: {}, baseDir: komposerDir, allowOutsidePaths: false, ...extra });
  const render = async (extra: Partial<HelmImport>, ctx: Partial<SourceContext> = {}) => {
    const got = await helmSource({ ...spec, ...extra }, { allowHttpLoopback: true, helmBinary: helm.helm }).fetch(context(ctx));
    return got.documents.map((d) => parseYaml(d.text) as Record<string, any>);
  };

  before(async () => {
    helm = await getHelm();
    const repoDir = tempDir('helm-values-repo');
    await helm.run(['package', join(chartsDir, 'templated-katalog'), '-d', repoDir]);
    await helm.run(['repo', 'index', repoDir]);
    server = await startHttpServer((req, res) => {
      const file = join(repoDir, (req.url ?? '/').replace(/^\/repo\//, ''));
      if (!req.url?.startsWith('/repo/') || file.includes('..') || !existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200).end(readFileSync(file));
    });
    spec = { repo: `${server.origin}/repo`, chart: 'templated-katalog', version: '0.1.0' };
    komposerDir = tempDir('helm-values-komposer');
    mkdirSync(join(komposerDir, 'values'));
    writeFileSync(join(komposerDir, 'values', 'base.yaml'), 'workers: 3\nimage: base:1\nextraCrd:\n  enabled: true\n');
    writeFileSync(join(komposerDir, 'values', 'prod.yaml'), 'workers: 7\nextraCrd: {}\n');
  });
  after(async () => server?.close());

  it('merges valueFiles in order (later wins, maps merged key by key), then values: replaces top-level keys', async () => {
    const [first, second] = await render({ valueFiles: ['./values/base.yaml', 'values/prod.yaml'] });
    expect(first!.spec.crds.website.operatorBox.reconciler.workers).to.equal(7);
    expect(first!.spec.crds.website.operatorBox.onReconcile.deployments[0].image).to.equal('base:1');
    expect(second!.metadata.name).to.equal('websites-extra'); // extraCrd.enabled survived prod.yaml's empty map

    const withValues = await render({ valueFiles: ['./values/base.yaml'], values: { workers: 9, extraCrd: { other: 1 } } });
    expect(withValues[0]!.spec.crds.website.operatorBox.reconciler.workers).to.equal(9);
    expect(withValues).to.have.length(1); // values: replaced extraCrd whole, so enabled is gone
  });

  it('takes $NAME from the environment and refuses an unset one, a URL, a path outside the Komposer and a non-mapping', async () => {
    const [fromEnv] = await render({ valueFiles: ['$VALUES'] }, { env: { VALUES: './values/prod.yaml' } });
    expect(fromEnv!.spec.crds.website.operatorBox.reconciler.workers).to.equal(7);
    const unset = await rejection(helmSource({ ...spec, valueFiles: ['$VALUES'] }, { allowHttpLoopback: true, helmBinary: helm.helm }).fetch(context()));
    expect(unset.message).to.contain('valueFiles[0] $VALUES is not set');
    const url = await rejection(helmSource({ ...spec, valueFiles: [`${server.origin}/v.yaml`] }, { allowHttpLoopback: true }).fetch(context()));
    expect(url.message).to.contain('remote values files are not fetched');
    const outside = await rejection(helmSource({ ...spec, valueFiles: ['../elsewhere.yaml'] }, { allowHttpLoopback: true }).fetch(context()));
    expect(outside.message).to.match(/outside|\.\.\/elsewhere\.yaml/);
    writeFileSync(join(komposerDir, 'values', 'list.yaml'), '- 1\n- 2\n');
    const list = await rejection(helmSource({ ...spec, valueFiles: ['values/list.yaml'] }, { allowHttpLoopback: true }).fetch(context()));
    expect(list.message).to.contain('valueFiles[0] values/list.yaml: a values file holds one mapping of values');
  });
});
