// The architecture, as checks on the TypeScript sources' import statements (type-only imports
// included: they shape the design as much as value imports do): shared/ does no I/O and depends
// on no other part; platform/ (host I/O both programs use) imports only Node built-ins and
// shared/, and is reached through its index; the resolver and the controller do not import each
// other; the CLI reaches each part through its index file; and no module imports itself through a
// cycle.
import { expect } from 'chai';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './support/tools.js';
import { tsFilesUnder } from './support/source-files.js';

/** One import edge: `from` and, for a relative import, the source file it names (repo-relative). */
export interface Edge {
  from: string;
  specifier: string;
  target?: string;
}

const PARTS = ['shared', 'platform', 'resolver', 'controller', 'cli'];

/**
 * All that shared/ may import from outside itself: Node modules without I/O, and pure libraries
 * (no file, network, process or console access). Anything else (fs, net, http(s), tls,
 * child_process, undici, @kubernetes/*, a logger that writes) is a violation; extend this list only
 * with a module that does no I/O. `module` is there for createRequire only: loading a pure library
 * (ajv) on first use instead of at start (shared/katalog/schema.ts).
 */
const SHARED_NODE_MODULES = ['crypto', 'path', 'util', 'buffer', 'url', 'string_decoder', 'module'];
const SHARED_PACKAGES = ['yaml', 'ajv', 're2js'];

export function specifiersOf(text: string, file: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg)) out.push(arg.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      out.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function edgesOf(root: string, parts: readonly string[]): Edge[] {
  const edges: Edge[] = [];
  for (const file of parts.flatMap((p) => tsFilesUnder(join(root, p)))) {
    const from = relative(root, file).split(sep).join('/');
    for (const specifier of specifiersOf(readFileSync(file, 'utf8'), file)) {
      if (!specifier.startsWith('.')) {
        edges.push({ from, specifier });
        continue;
      }
      const target = relative(root, resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))).split(sep).join('/');
      edges.push({ from, specifier, target });
    }
  }
  return edges;
}

const partOf = (path: string): string => path.split('/')[0]!;
const show = (e: Edge): string => `${e.from} → ${e.specifier}`;

const isNodeBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);

/** The package (or Node module) a bare specifier names: `@scope/name`, `name`, `node:fs/promises` → `fs`. */
const packageOf = (specifier: string): string => {
  const segments = specifier.replace(/^node:/, '').split('/');
  return specifier.startsWith('@') ? segments.slice(0, 2).join('/') : segments[0]!;
};

/** shared/ importing anything outside itself but the modules listed above (platform/ and the programs included). */
export function sharedViolations(edges: readonly Edge[]): string[] {
  return edges.filter((e) => partOf(e.from) === 'shared').filter((e) => {
    if (e.target) return partOf(e.target) !== 'shared';
    const name = packageOf(e.specifier);
    return isNodeBuiltin(e.specifier) ? !SHARED_NODE_MODULES.includes(name) : !SHARED_PACKAGES.includes(name);
  }).map(show);
}


/**
 * platform/ importing anything but Node built-ins, shared/ and itself; and any other part reaching
 * into platform/ other than through platform/index.ts.
 */
export function platformViolations(edges: readonly Edge[]): string[] {
  const own = edges.filter((e) => partOf(e.from) === 'platform').filter((e) => (e.target ? !['platform', 'shared'].includes(partOf(e.target)) : !isNodeBuiltin(e.specifier)));
  const past = edges.filter((e) => partOf(e.from) !== 'platform' && e.target && partOf(e.target) === 'platform' && e.target !== 'platform/index.ts');
  return [...own, ...past].map(show);
}

/** The resolver importing the controller or the CLI, and the controller the resolver or the CLI. */
export function programViolations(edges: readonly Edge[]): string[] {
  const forbidden: Record<string, string[]> = { resolver: ['controller', 'cli'], controller: ['resolver', 'cli'] };
  return edges.filter((e) => e.target && forbidden[partOf(e.from)]?.includes(partOf(e.target))).map(show);
}

/**
 * The kube client (cli/kube/) importing a program or the rest of the CLI: the CLI, the resolver and
 * the controller all use it, so it reports to them through ports (shared/kube: KubeRequestObserver).
 */
export function kubeClientViolations(edges: readonly Edge[]): string[] {
  return edges.filter((e) => e.from.startsWith('cli/kube/') && e.target)
    .filter((e) => ['controller', 'resolver'].includes(partOf(e.target!)) || (partOf(e.target!) === 'cli' && !e.target!.startsWith('cli/kube/')))
    .map(show);
}

/**
 * The CLI reaching past an index: into controller/, resolver/ or platform/ other than their index.ts, or
 * into a shared/ folder that has an index.ts other than through it.
 */
export function cliViolations(edges: readonly Edge[], hasIndex: (dir: string) => boolean): string[] {
  return edges.filter((e) => partOf(e.from) === 'cli' && e.target).filter((e) => {
    const target = e.target!;
    const part = partOf(target);
    if (part === 'controller' || part === 'resolver' || part === 'platform') return target !== `${part}/index.ts`;
    if (part !== 'shared') return false;
    const segments = target.split('/');
    if (segments.length === 2) return false; // a one-file module such as shared/errors.ts
    const dir = segments.slice(0, 2).join('/');
    return hasIndex(dir) && target !== `${dir}/index.ts`;
  }).map(show);
}

/** Every import cycle among source files, each as the files around it (shortest first). */
export function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) if (e.target) (next.get(e.from) ?? next.set(e.from, new Set()).get(e.from)!).add(e.target);
  const found = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const to of next.get(file) ?? []) {
      if (state.get(to) === 'open') {
        const cycle = stack.slice(stack.indexOf(to));
        found.set([...cycle].sort().join(' '), cycle);
      } else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...next.keys()].sort()) if (!state.has(file)) visit(file);
  return [...found.values()].sort((a, b) => a.length - b.length);
}

describe('architecture (the import statements of the TypeScript sources)', () => {
  describe('the rules, on synthetic imports (each can fail)', () => {
    const edges: Edge[] = [
      { from: 'shared/a/x.ts', specifier: 'node:fs/promises' },
      { from: 'shared/a/x.ts', specifier: 'undici' },
      { from: 'shared/a/x.ts', specifier: '@kubernetes/client-node' },
      { from: 'shared/a/x.ts', specifier: 'node:path' },
      { from: 'shared/a/x.ts', specifier: 'crypto' },
      { from: 'shared/a/x.ts', specifier: 'yaml' },
      { from: 'shared/a/x.ts', specifier: 'ajv/dist/2020.js' },
      { from: 'shared/a/x.ts', specifier: 'winston' },
      { from: 'shared/a/x.ts', specifier: 'os' },
      { from: 'shared/a/x.ts', specifier: '../../controller/run.js', target: 'controller/run.ts' },
      { from: 'resolver/r.ts', specifier: '../controller/kube/types.js', target: 'controller/kube/types.ts' },
      { from: 'controller/c.ts', specifier: '../shared/kube/index.js', target: 'shared/kube/index.ts' },
      { from: 'cli/commands/a.ts', specifier: '../../controller/run.js', target: 'controller/run.ts' },
      { from: 'cli/commands/a.ts', specifier: '../../shared/bundle/sign.js', target: 'shared/bundle/sign.ts' },
      { from: 'cli/commands/a.ts', specifier: '../../shared/errors.js', target: 'shared/errors.ts' },
      { from: 'cli/commands/a.ts', specifier: '../../resolver/index.js', target: 'resolver/index.ts' },
      { from: 'cli/commands/a.ts', specifier: '../../platform/read-bounded.js', target: 'platform/read-bounded.ts' },
      { from: 'shared/a/y.ts', specifier: '../../platform/index.js', target: 'platform/index.ts' },
      { from: 'platform/p.ts', specifier: 'node:fs/promises' },
      { from: 'platform/p.ts', specifier: 'fs' },
      { from: 'platform/p.ts', specifier: '../shared/errors.js', target: 'shared/errors.ts' },
      { from: 'platform/p.ts', specifier: './q.js', target: 'platform/q.ts' },
      { from: 'platform/p.ts', specifier: 'undici' },
      { from: 'platform/p.ts', specifier: '../controller/run.js', target: 'controller/run.ts' },
      { from: 'resolver/r.ts', specifier: '../platform/index.js', target: 'platform/index.ts' },
      { from: 'controller/c.ts', specifier: '../platform/read-bounded.js', target: 'platform/read-bounded.ts' },
      { from: 'cli/kube/transport.ts', specifier: '../../controller/index.js', target: 'controller/index.ts' },
      { from: 'cli/kube/transport.ts', specifier: '../io.js', target: 'cli/io.ts' },
      { from: 'cli/kube/transport.ts', specifier: './credentials.js', target: 'cli/kube/credentials.ts' },
      { from: 'cli/x.ts', specifier: './y.js', target: 'cli/y.ts' },
      { from: 'cli/y.ts', specifier: './z.js', target: 'cli/z.ts' },
      { from: 'cli/z.ts', specifier: './x.js', target: 'cli/x.ts' },
    ];

    it('finds shared/ doing I/O or importing a program', () => {
      expect(sharedViolations(edges)).to.deep.equal([
        'shared/a/x.ts → node:fs/promises', 'shared/a/x.ts → undici', 'shared/a/x.ts → @kubernetes/client-node', 'shared/a/x.ts → winston', 'shared/a/x.ts → os',
        'shared/a/x.ts → ../../controller/run.js',
        'shared/a/y.ts → ../../platform/index.js',
      ]);
    });

    it('finds platform/ importing more than Node built-ins and shared/, and a part reaching past its index', () => {
      expect(platformViolations(edges)).to.deep.equal([
        'platform/p.ts → undici', 'platform/p.ts → ../controller/run.js', 'cli/commands/a.ts → ../../platform/read-bounded.js', 'controller/c.ts → ../platform/read-bounded.js',
      ]);
    });

    it('finds the resolver importing the controller', () => {
      expect(programViolations(edges)).to.deep.equal(['resolver/r.ts → ../controller/kube/types.js']);
    });

    it('finds the CLI reaching past an index', () => {
      expect(cliViolations(edges, (dir) => dir === 'shared/bundle')).to.deep.equal([
        'cli/commands/a.ts → ../../controller/run.js', 'cli/commands/a.ts → ../../shared/bundle/sign.js', 'cli/commands/a.ts → ../../platform/read-bounded.js',
      ]);
    });

    it('finds the kube client importing a program or the rest of the CLI', () => {
      expect(kubeClientViolations(edges)).to.deep.equal(['cli/kube/transport.ts → ../../controller/index.js', 'cli/kube/transport.ts → ../io.js']);
    });

    it('finds a cycle', () => {
      expect(cycles(edges)).to.deep.equal([['cli/x.ts', 'cli/y.ts', 'cli/z.ts']]);
    });

    it('reads static, type-only, re-exported and dynamic imports, not strings or comments', () => {
      const text = "import type { A } from './a.js';\nexport * from './b.js';\nconst c = await import('./c.js');\n// import x from './no.js'\nconst s = \"from './no2.js'\";\ntype D = import('./d.js').D;\n";
      expect(specifiersOf(text, 'f.ts')).to.deep.equal(['./a.js', './b.js', './c.js', './d.js']);
    });
  });

  describe('the repository', () => {
    let edges: Edge[];
    before(() => {
      edges = edgesOf(repoRoot, PARTS);
    });

    it('reads every part and resolves every relative import to a source file', () => {
      for (const part of PARTS) expect(edges.some((e) => partOf(e.from) === part), part).to.equal(true);
      const dangling = edges.filter((e) => e.target && !existsSync(join(repoRoot, e.target)));
      expect(dangling.map(show)).to.deep.equal([]);
    });

    it('shared/ imports only pure Node modules and pure libraries (no fs, net, http(s), child_process, undici, @kubernetes or logger), and no other part', () => {
      expect(sharedViolations(edges)).to.deep.equal([]);
    });

    it('platform/ imports only Node built-ins and shared/, and the other parts reach it through its index', () => {
      expect(platformViolations(edges)).to.deep.equal([]);
    });

    it('the resolver and the controller do not import each other (nor the CLI)', () => {
      expect(programViolations(edges)).to.deep.equal([]);
    });

    it('the CLI imports controller/, resolver/, platform/ and each shared/ folder through its index', () => {
      expect(cliViolations(edges, (dir) => existsSync(join(repoRoot, dir, 'index.ts')))).to.deep.equal([]);
    });

    it('the kube client (cli/kube/) imports no program and nothing else of the CLI', () => {
      expect(kubeClientViolations(edges)).to.deep.equal([]);
    });

    it('no source file imports itself through a cycle', () => {
      expect(cycles(edges).map((c) => c.join(' → '))).to.deep.equal([]);
    });
  });
});
