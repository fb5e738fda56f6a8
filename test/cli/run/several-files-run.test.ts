// `ork run -f a.yaml -f b.yaml` applies each file's `setup` and `crFiles` from beside that file,
// as upstream's merger makes them absolute against their own Katalog's directory (no cluster:
// the files are read and checked before anything is applied).
import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readSampleCrs } from '../../../cli/run/apply-samples.js';
import { readSetupObjects } from '../../../cli/run/setup-files.js';
import { severalFilesInput } from '../../../cli/several-files-input.js';
import type { CrdObject } from '../../../shared/bundle/payload.js';
import { captureIO } from '../../support/io.js';
import { memoryLogger } from '../../support/memory-logger.js';
import { tempDir } from '../../support/tools.js';

const crdOf = (kind: string, plural: string) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${plural}.run.example.org` },
  spec: { group: 'run.example.org', names: { kind, plural }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true }] },
});

describe('cli/run with several -f files', () => {
  const dir = tempDir('cli-run-several');
  for (const [sub, entry, kind, plural] of [['shop', 'shop', 'Shop', 'shops'], ['till', 'till', 'Till', 'tills']] as const) {
    mkdirSync(join(dir, sub, 'samples'), { recursive: true });
    writeFileSync(join(dir, sub, 'setup.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${entry}-settings}\ndata: {from: ${sub}}\n`);
    writeFileSync(join(dir, sub, 'samples', 'one.yaml'), `apiVersion: run.example.org/v1\nkind: ${kind}\nmetadata: {name: ${entry}-one}\nspec: {}\n`);
    writeFileSync(
      join(dir, sub, 'katalog.yaml'),
      `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: ${sub}}\nspec:\n  crds:\n    ${entry}:\n      apiTypes: {group: run.example.org, version: v1, kind: ${kind}, plural: ${plural}}\n      setup: [./setup.yaml]\n      crFiles: [./samples/one.yaml]\n`,
    );
  }

  it('reads each file\'s setup and crFiles beside it, in the order the files are given', async () => {
    const io = captureIO({ cwd: dir });
    const input = await severalFilesInput(['shop/katalog.yaml', 'till/katalog.yaml'], io);
    expect(parse(input.text!).imports.files).to.deep.equal(['shop/katalog.yaml', 'till/katalog.yaml']);
    const katalog = { path: input.komposerPath!, text: input.text! };
    const logger = memoryLogger([]);
    const setup = await readSetupObjects(katalog, logger);
    expect(setup.map((s) => [s.file, s.object.metadata.name])).to.deep.equal([
      [join(dir, 'shop/setup.yaml'), 'shop-settings'],
      [join(dir, 'till/setup.yaml'), 'till-settings'],
    ]);
    const crds = [crdOf('Shop', 'shops'), crdOf('Till', 'tills')] as unknown as CrdObject[];
    const samples = await readSampleCrs(katalog, crds, logger);
    expect(samples.map((s) => s.object.metadata.name)).to.deep.equal(['shop-one', 'till-one']);
  });

  it('reads the setup of a Komposer\'s imports and of the files named beside it', async () => {
    mkdirSync(join(dir, 'platform'), { recursive: true });
    writeFileSync(join(dir, 'platform/komposer.yaml'), 'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: platform}\nimports:\n  files: [../shop/katalog.yaml]\n');
    const io = captureIO({ cwd: dir });
    const input = await severalFilesInput(['till/katalog.yaml', 'platform/komposer.yaml'], io);
    expect(input.extraFiles).to.deep.equal(['../till/katalog.yaml']);
    const setup = await readSetupObjects({ path: input.komposerPath!, extra: input.extraFiles! }, memoryLogger([]));
    expect(setup.map((s) => s.object.metadata.name)).to.deep.equal(['shop-settings', 'till-settings']);
  });
});
