// The Dockerfile without a container engine: parsed into stages and instructions and checked
// (entrypoint, non-root user, one Node LTS major that package.json accepts, build steps, labels,
// the .dockerignore), and the helm stage's download script run for real with a stand-in curl —
// a wrong or missing checksum must fail it, the right one must pass.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORKESTRA_VERSION } from '../../shared/version.js';
import { controllerV8Flags } from '../../cli/controller-v8.js';
import { repoRoot, runTool, tempDir } from '../support/tools.js';

interface Instruction { name: string; args: string }
interface Stage { from: string; as?: string; instructions: Instruction[] }

const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');

/** Instructions with continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const logical = text.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n').replace(/\\\n/g, ' ');
  return logical.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const [, name, args] = /^(\S+)\s*(.*)$/.exec(l)!;
    return { name: name!.toUpperCase(), args: args! };
  });
}

/** ARG defaults declared before the first FROM (the ones FROM lines may use). */
function globalArgs(all: Instruction[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (const i of all) {
    if (i.name === 'FROM') break;
    if (i.name === 'ARG') { const [k, v = ''] = i.args.split('='); args[k!] = v; }
  }
  return args;
}

function stages(all: Instruction[]): Stage[] {
  const vars = globalArgs(all);
  const result: Stage[] = [];
  for (const i of all) {
    if (i.name === 'FROM') {
      const [image, as, name] = i.args.replace(/\$\{(\w+)\}/g, (_m, v: string) => vars[v] ?? '').split(/\s+/);
      result.push({ from: image!, ...(as?.toUpperCase() === 'AS' ? { as: name! } : {}), instructions: [] });
    } else if (result.length > 0) result[result.length - 1]!.instructions.push(i);
  }
  return result;
}

const all = instructions(dockerfile);
const byStage = stages(all);
const final = byStage[byStage.length - 1]!;
const stageNamed = (name: string) => byStage.find((s) => s.as === name)!;
const argsOf = (stage: Stage, name: string) => stage.instructions.filter((i) => i.name === name).map((i) => i.args);

/** ARG defaults of a stage, as docker hands them to RUN as environment variables. */
function stageArgs(stage: Stage): Record<string, string> {
  return Object.fromEntries(argsOf(stage, 'ARG').map((a) => { const [k, v = ''] = a.split('='); return [k!, v]; }));
}

describe('image: Dockerfile', () => {
  it('has build, helm and runtime stages, and the runtime stage is last', () => {
    expect(byStage.map((s) => s.as)).to.deep.equal(['build', 'helm', 'runtime']);
  });

  it('starts `ork` as the entrypoint, as a numeric non-root user', () => {
    expect(argsOf(final, 'ENTRYPOINT')).to.deep.equal(['["ork"]']);
    const users = argsOf(final, 'USER');
    expect(users).to.have.length(1);
    expect(users[0]).to.match(/^\d+:\d+$/);
    expect(users[0]).to.equal('65532:65532');
    expect(argsOf(final, 'COPY')).to.include('--from=build /src/build/ork-entrypoint.sh /usr/local/bin/ork');
    expect(argsOf(final, 'RUN').join('\n')).to.match(/chmod 0?755 \/usr\/local\/bin\/ork \/app\/dist\/bundle\/main\.js/);
  });

  it('builds and runs on one Node LTS major that package.json "engines" accepts', () => {
    const majors = byStage.map((s) => {
      const m = /^node:(\d+)-[a-z]+-slim$/.exec(s.from);
      expect(m, `stage ${s.as} is based on ${s.from}`).not.to.equal(null);
      return Number(m![1]);
    });
    expect(new Set(majors).size).to.equal(1);
    const major = majors[0]!;
    expect(major % 2, 'even Node majors are the LTS lines').to.equal(0);
    const engines = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).engines.node as string;
    const [, minMajor] = /^>=(\d+)(\.\d+)*$/.exec(engines) ?? [];
    expect(minMajor, `engines.node ${engines} is a >= range`).to.be.a('string');
    expect(major).to.be.at.least(Number(minMajor));
    // The controller's V8 flags were checked for this major (cli/controller-v8.ts; the launcher's
    // case is tested below): a new major gets its flags looked at, not silently none.
    expect(controllerV8Flags(major), `controller V8 flags for Node ${major}`).to.have.length.greaterThan(0);
  });

  it('compiles with dev dependencies, then ships only production ones', () => {
    const build = argsOf(stageNamed('build'), 'RUN').join('\n');
    expect(build).to.match(/npm ci\b/);
    expect(build).to.match(/npm run build && npm prune --omit=dev/);
    const copies = argsOf(final, 'COPY');
    expect(copies).to.include.members([
      '--from=build /src/package.json ./package.json', '--from=build /src/node_modules ./node_modules',
      '--from=build /src/dist ./dist', '--from=helm /usr/local/bin/helm /usr/local/bin/helm',
    ]);
  });

  it('labels the image with the Orkestra version (OCI annotations)', () => {
    const labels = argsOf(final, 'LABEL').join(' ');
    expect(labels).to.include(`org.opencontainers.image.version="${ORKESTRA_VERSION}"`);
    expect(labels).to.include('org.opencontainers.image.title="orkestra"');
  });

  it('sends only what the build copies: .dockerignore re-includes every COPY source of the context', () => {
    const ignore = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(ignore[0]).to.equal('*');
    const included = ignore.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, ''));
    const sources = byStage.flatMap((s) => argsOf(s, 'COPY')).filter((a) => !a.startsWith('--from')).flatMap((a) => a.split(/\s+/).slice(0, -1));
    expect(sources.length).to.be.greaterThan(0);
    for (const source of sources) expect(included, `COPY ${source}`).to.include(source.replace(/^\.\//, '').replace(/\/$/, ''));
  });

  it('installs git in the runtime stage, for Git registry imports the resolver makes', () => {
    expect(argsOf(final, 'RUN').some((r) => /apt-get install -y --no-install-recommends git\b/.test(r) && /rm -rf \/var\/lib\/apt\/lists/.test(r))).to.equal(true);
  });

  it('runs `ork` through build/ork-entrypoint.sh: node on the bundle; for `ork controller` only, the controller\'s own bundle with its V8 flags for the image\'s Node major on node\'s command line, and two malloc arenas', async () => {
    const dir = tempDir('ork-entrypoint');
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    // A stand-in node that prints its argv, one word a line; exec keeps it the shell's process.
    writeFileSync(join(bin, 'node'), '#!/bin/sh\necho "pid $$"\necho "MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX-unset}"\nfor a in "$@"; do echo "$a"; done\n');
    chmodSync(join(bin, 'node'), 0o755);
    const run = (args: string[], env: Record<string, string> = {}) => new Promise<string[]>((resolve, reject) => {
      const child = execFile('/bin/sh', [join(repoRoot, 'build/ork-entrypoint.sh'), ...args], { env: { PATH: `${bin}:/usr/bin:/bin`, ...env } }, (err, stdout) => {
        if (err) return reject(err);
        const [pid, ...argv] = stdout.trim().split('\n');
        expect(pid, 'exec: node is the entrypoint\'s own process').to.equal(`pid ${child.pid}`);
        resolve(argv);
      });
    });
    const main = '/app/dist/bundle/main.js';
    // The controller alone, in one CommonJS file (build/bundle.mjs).
    const controller = '/app/dist/bundle/controller.cjs';
    // By the image's Node major (NODE_VERSION, set by the official node images): V8's tiering flags
    // differ between Node 20 and 22+, and node refuses one its V8 does not know.
    for (const version of ['20.19.0', '22.23.5', '24.22.3']) {
      const flags = controllerV8Flags(Number(version.split('.')[0]));
      expect(flags, `flags for Node ${version}`).to.have.length.greaterThan(0);
      expect(await run(['controller', '--bundle', '/b', '--key', 'k p.pem'], { NODE_VERSION: version })).to.deep.equal(['MALLOC_ARENA_MAX=2', ...flags, controller, 'controller', '--bundle', '/b', '--key', 'k p.pem']);
    }
    for (const version of [undefined, '25.0.0', '18.20.0']) {
      expect(await run(['controller'], version ? { NODE_VERSION: version } : {}), `Node ${version}: no flag node might refuse`).to.deep.equal(['MALLOC_ARENA_MAX=2', controller, 'controller']);
    }
    expect(await run(['controller'], { NODE_VERSION: '24.1.0', MALLOC_ARENA_MAX: '8' }), 'a value set in the container wins').to.deep.equal(['MALLOC_ARENA_MAX=8', ...controllerV8Flags(24), controller, 'controller']);
    expect(await run(['resolve', '-f', 'komposer.yaml'], { NODE_VERSION: '24.1.0' })).to.deep.equal(['MALLOC_ARENA_MAX=unset', main, 'resolve', '-f', 'komposer.yaml']);
    expect(await run([])).to.deep.equal(['MALLOC_ARENA_MAX=unset', main]);
  });

  it('ships a CLI entry point with a node shebang (node dist/bundle/main.js also runs as a file)', () => {
    const main = readFileSync(join(repoRoot, 'dist', 'cli', 'main.js'), 'utf8');
    expect(main.split('\n')[0]).to.equal('#!/usr/bin/env node');
  });

  it('copies the bundler into the build stage, which npm run build runs last', () => {
    expect(argsOf(stageNamed('build'), 'COPY')).to.include('build ./build');
    const scripts = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.build).to.match(/&& node build\/bundle\.mjs$/);
  });
});

describe('image: the helm stage verifies its download', function () {
  this.timeout(60_000);
  const helmStage = stageNamed('helm');
  const script = argsOf(helmStage, 'RUN')[0]!;
  const defaults = stageArgs(helmStage);

  /** Runs the stage's RUN script with a stand-in curl serving `tarball`, its paths moved into `dir`. */
  function runStage(dir: string, tarball: string, env: Record<string, string>): Promise<{ code: number; stderr: string; urls: string }> {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'curl'), `#!/bin/sh\nwhile [ $# -gt 0 ]; do case "$1" in -*o) out="$2"; shift 2 ;; *) echo "$1" >> "${dir}/urls"; shift ;; esac; done\ncp "${tarball}" "$out"\n`);
    writeFileSync(join(bin, 'apt-get'), '#!/bin/sh\nexit 0\n');
    for (const f of ['curl', 'apt-get']) chmodSync(join(bin, f), 0o755);
    mkdirSync(join(dir, 'usr-local-bin'), { recursive: true });
    const moved = script.replace(/\/usr\/local\/bin|\/tmp/g, (path) => join(dir, path === '/tmp' ? 'tmp' : 'usr-local-bin'));
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    return new Promise((resolve) => {
      execFile('/bin/sh', ['-c', moved], { env: { PATH: `${bin}:${process.env.PATH}`, ...defaults, ...env } }, (err, _stdout, stderr) => {
        let urls = '';
        try { urls = readFileSync(join(dir, 'urls'), 'utf8'); } catch { /* curl never ran */ }
        resolve({ code: err ? Number(err.code ?? 1) : 0, stderr: String(stderr), urls });
      });
    });
  }

  /** A tarball shaped like a helm release: linux-<arch>/helm, a script printing the version. */
  async function fakeRelease(dir: string, arch: string): Promise<{ path: string; sha256: string }> {
    const tree = join(dir, 'release');
    mkdirSync(join(tree, `linux-${arch}`), { recursive: true });
    writeFileSync(join(tree, `linux-${arch}`, 'helm'), `#!/bin/sh\necho ${defaults.HELM_VERSION}\n`);
    chmodSync(join(tree, `linux-${arch}`, 'helm'), 0o755);
    const path = join(dir, 'helm.tar.gz');
    await runTool('tar', ['-czf', path, '-C', tree, `linux-${arch}`]);
    return { path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
  }

  it('pins a Helm 3 release and a 64-hex sha256 for amd64 and arm64', () => {
    expect(defaults.HELM_VERSION).to.match(/^v3\.\d+\.\d+$/);
    expect(defaults.HELM_SHA256_amd64).to.match(/^[0-9a-f]{64}$/);
    expect(defaults.HELM_SHA256_arm64).to.match(/^[0-9a-f]{64}$/);
    expect(defaults.HELM_SHA256_amd64).not.to.equal(defaults.HELM_SHA256_arm64);
  });

  it('installs the release when its checksum matches (and fetched it from get.helm.sh)', async () => {
    const dir = tempDir('helm-stage');
    const release = await fakeRelease(dir, 'arm64');
    const run = await runStage(dir, release.path, { TARGETARCH: 'arm64', HELM_SHA256_arm64: release.sha256 });
    expect(run.code, run.stderr).to.equal(0);
    expect(run.urls.trim()).to.equal(`https://get.helm.sh/helm-${defaults.HELM_VERSION}-linux-arm64.tar.gz`);
    const { stdout } = await runTool(join(dir, 'usr-local-bin', 'helm'), []);
    expect(stdout.trim()).to.equal(defaults.HELM_VERSION);
  });

  it('fails when the download does not match the pinned checksum, installing nothing', async () => {
    const dir = tempDir('helm-stage');
    const release = await fakeRelease(dir, 'amd64');
    const run = await runStage(dir, release.path, { TARGETARCH: 'amd64' });
    expect(run.code).not.to.equal(0);
    expect(run.stderr).to.match(/FAILED|did NOT match/);
    expect(() => readFileSync(join(dir, 'usr-local-bin', 'helm'))).to.throw();
  });

  it('fails, before downloading, when the checksum is empty or the architecture unknown', async () => {
    const dir = tempDir('helm-stage');
    const release = await fakeRelease(dir, 'amd64');
    const empty = await runStage(dir, release.path, { TARGETARCH: 'amd64', HELM_SHA256_amd64: '' });
    expect(empty.code).not.to.equal(0);
    expect(empty.stderr).to.include('HELM_SHA256_amd64 is empty');
    const unknown = await runStage(dir, release.path, { TARGETARCH: 's390x' });
    expect(unknown.code).not.to.equal(0);
    expect(unknown.stderr).to.include('unsupported TARGETARCH s390x');
    const unset = await runStage(dir, release.path, {});
    expect(unset.code).not.to.equal(0);
    expect(unset.stderr).to.include('set --build-arg TARGETARCH');
    expect(empty.urls + unknown.urls + unset.urls).to.equal('');
  });
});
