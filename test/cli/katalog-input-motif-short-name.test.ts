// `ork validate`, `ork template` and `ork resolve` of a Katalog that imports a Motif by a registry
// short name (`motif: lamp:v1`, upstream's form), with the Motif in a real registry on 127.0.0.1
// named by ORK_MOTIFS_REGISTRY: validate leaves it to resolve with one warning; template fetches
// it from the registry the variable names and renders what it contributes; resolve records the
// expanded reference in the bundle; a name without a tag and a variable that names no registry
// are refused in one line.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { generateSigningKeyPair } from '../../shared/bundle/keys.js';
import { captureIO } from '../support/io.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { LIGHT_CR, LIGHTS_KATALOG_HEAD, pushLampMotif } from './lamp-motif.js';

const katalog = (ref: string) => `${LIGHTS_KATALOG_HEAD}      operatorBox:
        reconcile:
          imports:
            - motif: ${ref}
              with: {image: "{{ .spec.image }}"}
`;

describe('cli ork validate / template / resolve of a Katalog importing a Motif by registry short name', function () {
  this.timeout(60_000);
  let dir: string;
  let registry: TestRegistry;
  let env: Record<string, string>;
  before(async () => {
    registry = await startRegistry();
    await pushLampMotif(registry);
    env = { ORK_MOTIFS_REGISTRY: `oci://${registry.address}/motifs` };
    dir = mkdtempSync(join(tmpdir(), 'ork-motif-short-'));
    writeFileSync(join(dir, 'katalog.yaml'), katalog('lamp:v1'));
    writeFileSync(join(dir, 'untagged.yaml'), katalog('lamp'));
    writeFileSync(join(dir, 'cr.yaml'), LIGHT_CR);
    writeFileSync(join(dir, 'key.pem'), generateSigningKeyPair().privateKeyPem);
  });
  after(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ork(vars: Record<string, string>, ...args: string[]) {
    const io = captureIO({ cwd: dir, env: vars });
    const code = await runCommand(args, io);
    return { code, out: io.out, err: io.err };
  }

  it('validate leaves it to resolve with one warning, reading no variable and fetching nothing', async () => {
    const got = await ork({}, 'validate', '-f', 'katalog.yaml');
    expect(got.code, got.err).to.equal(0);
    expect(got.err).to.match(/^warning: katalog\.yaml:\d+:\d+: spec\.crds\.light\.operatorBox\.reconcile\.imports\[0\]: the Motif lamp:v1 \(a registry short name, looked up in ORK_MOTIFS_REGISTRY\) is not fetched here/m);
  });

  it('template fetches it from the registry ORK_MOTIFS_REGISTRY names and renders its Deployment', async () => {
    const got = await ork(env, 'template', '-f', 'katalog.yaml', '--cr', 'cr.yaml');
    expect(got.code, got.err).to.equal(0);
    expect(got.out).to.include('name: desk-lamp').and.to.include('image: lamp:2');
  });

  it('resolve records the expanded reference among the bundle\'s imports', async () => {
    const got = await ork(env, 'resolve', '-f', 'katalog.yaml', '--out', 'out', '--key', 'key.pem', '--json');
    expect(got.code, got.err).to.equal(0);
    const summary = JSON.parse(got.out) as { imports: Array<{ source: string; ref: string }> };
    expect(summary.imports.map((i) => i.source)).to.deep.equal([`oci:${registry.address}/motifs/lamp:v1`]);
    const bundle = readFileSync(join(dir, 'out', 'bundle.json'), 'utf8');
    expect(bundle).to.include(`oci:${registry.address}/motifs/lamp@sha256:`).and.not.include('"motif"');
  });

  it('refuses a short name without a tag in one line, saying what to write', async () => {
    const got = await ork(env, 'template', '-f', 'untagged.yaml', '--cr', 'cr.yaml');
    expect(got.code).to.equal(2);
    expect(got.err).to.match(/untagged\.yaml:\d+:\d+: .*imports\[0\]: motif: "lamp" is not a file beside the Katalog, and as a registry short name it names no tag: write lamp:<tag> or give version:/);
    expect(got.err).to.not.match(/^\s+at /m);
  });

  it('refuses an ORK_MOTIFS_REGISTRY that names no registry host in one line', async () => {
    const got = await ork({ ORK_MOTIFS_REGISTRY: 'acme/motifs' }, 'template', '-f', 'katalog.yaml', '--cr', 'cr.yaml');
    expect(got.code).to.equal(2);
    expect(got.err).to.match(/ORK_MOTIFS_REGISTRY="acme\/motifs" is not a registry: give host\[:port\]\/path/);
    expect(got.err).to.not.match(/^\s+at /m);
  });
});
