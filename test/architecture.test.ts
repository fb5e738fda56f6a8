// The architecture, as checks on the TypeScript sources' import statements (type-only imports
// included: they shape the design as much as value imports do): shared/ does no I/O and depends
// on no program; the resolver and the controller do not import each other; the CLI reaches
// each part through its index file; and no module imports itself through a cycle.
import { expect } from 'chai';
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

const PARTS = ['shared', 'resolver', 'controller', 'cli'];

/** Modules that do I/O (or reach a cluster): shared/ may import none of them. */
const IO_MODULES = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'child_process', 'worker_threads', 'undici'];

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

/**
 * The one I/O module under shared/: the bounded file reader that the resolver, the controller and
 * the CLI all need (a FIFO or device refused before reading). It cannot live in either program
 * (they must not import each other) nor in cli/ (neither program may import it); inside shared/
 * only it may touch the file system, and no other shared/ module may import it (checked below).
 */
export const SHARED_IO_DIR = 'shared/fs/';

/** shared/ importing an I/O module or a program (shared/fs/ excepted), or importing shared/fs/. */
export function sharedViolations(edges: readonly Edge[]): string[] {
  const intoSharedIo = edges.filter((e) => partOf(e.from) === 'shared' && !e.from.startsWith(SHARED_IO_DIR) && e.target?.startsWith(SHARED_IO_DIR));
  return [...intoSharedIo.map(show), ...edges.filter((e) => partOf(e.from) === 'shared' && !e.from.startsWith(SHARED_IO_DIR)).filter((e) => {
    if (e.target) return partOf(e.target) !== 'shared';
    const bare = e.specifier.replace(/^node:/, '');
    return IO_MODULES.some((m) => bare === m || bare.startsWith(`${m}/`)) || e.specifier.startsWith('@kubernetes/');
  }).map(show)];
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
 * The CLI reaching past an index: into controller/ or resolver/ other than their index.ts, or
 * into a shared/ folder that has an index.ts other than through it.
 */
export function cliViolations(edges: readonly Edge[], hasIndex: (dir: string) => boolean): string[] {
  return edges.filter((e) => partOf(e.from) === 'cli' && e.target).filter((e) => {
    const target = e.target!;
    const part = partOf(target);
    if (part === 'controller' || part === 'resolver') return target !== `${part}/index.ts`;
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
      { from: 'shared/a/x.ts', specifier: '../../controller/run.js', target: 'controller/run.ts' },
      { from: 'resolver/r.ts', specifier: '../controller/kube/types.js', target: 'controller/kube/types.ts' },
      { from: 'controller/c.ts', specifier: '../shared/kube/index.js', target: 'shared/kube/index.ts' },
      { from: 'cli/commands/a.ts', specifier: '../../controller/run.js', target: 'controller/run.ts' },
      { from: 'cli/commands/a.ts', specifier: '../../shared/bundle/sign.js', target: 'shared/bundle/sign.ts' },
      { from: 'cli/commands/a.ts', specifier: '../../shared/errors.js', target: 'shared/errors.ts' },
      { from: 'cli/commands/a.ts', specifier: '../../resolver/index.js', target: 'resolver/index.ts' },
      { from: 'cli/kube/transport.ts', specifier: '../../controller/index.js', target: 'controller/index.ts' },
      { from: 'cli/kube/transport.ts', specifier: '../io.js', target: 'cli/io.ts' },
      { from: 'cli/kube/transport.ts', specifier: './credentials.js', target: 'cli/kube/credentials.ts' },
      { from: 'cli/x.ts', specifier: './y.js', target: 'cli/y.ts' },
      { from: 'cli/y.ts', specifier: './z.js', target: 'cli/z.ts' },
      { from: 'cli/z.ts', specifier: './x.js', target: 'cli/x.ts' },
    ];

    it('finds shared/ doing I/O or importing a program', () => {
      expect(sharedViolations(edges)).to.deep.equal([
        'shared/a/x.ts → node:fs/promises', 'shared/a/x.ts → undici', 'shared/a/x.ts → @kubernetes/client-node', 'shared/a/x.ts → ../../controller/run.js',
      ]);
    });

    it('finds the resolver importing the controller', () => {
      expect(programViolations(edges)).to.deep.equal(['resolver/r.ts → ../controller/kube/types.js']);
    });

    it('finds the CLI reaching past an index', () => {
      expect(cliViolations(edges, (dir) => dir === 'shared/bundle')).to.deep.equal(['cli/commands/a.ts → ../../controller/run.js', 'cli/commands/a.ts → ../../shared/bundle/sign.js']);
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

    it('shared/ imports no fs, net, http(s), child_process, undici or @kubernetes module, and no program', () => {
      expect(sharedViolations(edges)).to.deep.equal([]);
    });

    it('the resolver and the controller do not import each other (nor the CLI)', () => {
      expect(programViolations(edges)).to.deep.equal([]);
    });

    it('the CLI imports controller/, resolver/ and each shared/ folder through its index', () => {
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
