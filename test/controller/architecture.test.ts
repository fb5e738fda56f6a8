// The controller cannot fetch configuration: an architecture test on the compiled output. Starting
// from every file under dist/controller/, it follows relative imports (static, re-exports and
// dynamic) through the whole program and asserts that nothing reachable lies in resolver/ (where
// the file, HTTPS, Helm and OCI sources live) nor under cli/ (where the HTTPS Kubernetes client
// lives: the CLI injects it), that nothing it reaches imports undici, and that no import is
// computed at run time (which this walk could not see).
import { expect } from 'chai';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { repoRoot, tempDir } from '../support/tools.js';

interface ImportSite {
  /** The importing file, relative to the walked root. */
  from: string;
  specifier: string;
  dynamic: boolean;
}

interface Graph {
  /** Every file reached, relative to the root, with `/` separators. */
  files: Set<string>;
  imports: ImportSite[];
  /** `import(x)` / `require(x)` with a non-literal argument. */
  computed: string[];
}

/** Module specifiers of one JavaScript file, from its syntax tree (comments and strings are not imports). */
export function importsOf(text: string, file = 'file.js'): { specifiers: { specifier: string; dynamic: boolean }[]; computed: number } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const specifiers: { specifier: string; dynamic: boolean }[] = [];
  let computed = 0;
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push({ specifier: node.moduleSpecifier.text, dynamic: false });
    } else if (ts.isCallExpression(node)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) {
        const arg = node.arguments[0];
        if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) specifiers.push({ specifier: arg.text, dynamic: true });
        else computed++;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { specifiers, computed };
}

/** Walks relative imports from `entries` (paths relative to `root`) through the program. */
export function importGraph(root: string, entries: string[]): Graph {
  const graph: Graph = { files: new Set(), imports: [], computed: [] };
  const queue = entries.map((e) => resolve(root, e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    const rel = relative(root, file).split(sep).join('/');
    if (graph.files.has(rel)) continue;
    graph.files.add(rel);
    const { specifiers, computed } = importsOf(readFileSync(file, 'utf8'), file);
    if (computed > 0) graph.computed.push(rel);
    for (const { specifier, dynamic } of specifiers) {
      graph.imports.push({ from: rel, specifier, dynamic });
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        if (!existsSync(target)) throw new Error(`${rel} imports ${specifier}, which does not exist in the build`);
        queue.push(target);
      }
    }
  }
  return graph;
}

function jsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...jsFilesUnder(path));
    else if (name.endsWith('.js')) out.push(path);
  }
  return out;
}

const dist = join(repoRoot, 'dist');

/** Compiled controller files whose source still exists (a deleted source can leave a stale .js behind). */
function controllerEntries(): string[] {
  return jsFilesUnder(join(dist, 'controller'))
    .map((f) => relative(dist, f).split(sep).join('/'))
    .filter((f) => existsSync(join(repoRoot, f.replace(/\.js$/, '.ts'))));
}

describe('architecture: the controller imports no source fetcher', () => {
  describe('the import walker (on a synthetic program)', () => {
    let root: string;
    before(() => {
      root = tempDir('architecture');
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      write('controller/a.js', "import { b } from './b.js';\n// import x from '../resolver/commented.js'\nconst s = \"from '../resolver/string.js'\";\nexport * from './c.js';\n");
      write('controller/b.js', "export const b = () => import('../shared/d.js');\n");
      write('controller/c.js', "import 'undici';\n");
      write('shared/d.js', "import { fetchAll } from '../resolver/fetch-all.js';\nconst m = 'x'; await import(m);\n");
      write('resolver/fetch-all.js', "export const fetchAll = 1;\n");
    });

    it('follows static, re-exported and dynamic imports across folders, not comments or strings', () => {
      const graph = importGraph(root, ['controller/a.js']);
      expect([...graph.files].sort()).to.deep.equal(['controller/a.js', 'controller/b.js', 'controller/c.js', 'resolver/fetch-all.js', 'shared/d.js']);
      expect(graph.imports.map((i) => `${i.from} → ${i.specifier}${i.dynamic ? ' (dynamic)' : ''}`).sort()).to.deep.equal([
        'controller/a.js → ./b.js',
        'controller/a.js → ./c.js',
        'controller/b.js → ../shared/d.js (dynamic)',
        'controller/c.js → undici',
        'shared/d.js → ../resolver/fetch-all.js',
      ]);
      expect(graph.computed).to.deep.equal(['shared/d.js']);
    });

    it('reads require() and template-literal imports too', () => {
      expect(importsOf("const x = require('node:https'); import(`./t.js`);").specifiers.map((s) => s.specifier)).to.deep.equal(['node:https', './t.js']);
    });
  });

  describe('the build (dist/controller)', () => {
    let graph: Graph;
    let entries: string[];
    before(function () {
      entries = controllerEntries();
      if (entries.length === 0) throw new Error('dist/controller holds no compiled files: run `npx tsc -p .` first');
      graph = importGraph(dist, entries);
    });

    it('walks the whole controller, including its engine, leader election and reconciler', () => {
      for (const f of ['controller/run.js', 'controller/engine/informer.js', 'controller/leader/elector.js', 'controller/reconcile/reconcile.js', 'controller/startup/load-bundle.js']) {
        expect(entries, f).to.include(f);
      }
      // The controller does reach shared/ (renderer, bundle verification): the walk leaves controller/.
      expect([...graph.files].some((f) => f.startsWith('shared/render/'))).to.equal(true);
      expect([...graph.files].some((f) => f.startsWith('shared/bundle/'))).to.equal(true);
    });

    it('reaches nothing under resolver/ (no file, HTTPS, Helm or OCI source)', () => {
      const intoResolver = graph.imports.filter((i) => i.specifier.startsWith('.') && resolve(dist, dirname(i.from), i.specifier).startsWith(join(dist, 'resolver') + sep));
      expect(intoResolver.map((i) => `${i.from} → ${i.specifier}`)).to.deep.equal([]);
      expect([...graph.files].filter((f) => f.startsWith('resolver/'))).to.deep.equal([]);
    });

    it('reaches nothing under cli/ (the kube client is injected) and imports no undici', () => {
      expect([...graph.files].filter((f) => f.startsWith('cli/'))).to.deep.equal([]);
      const undici = graph.imports.filter((i) => i.specifier === 'undici' || i.specifier.startsWith('undici/'));
      expect(undici.map((i) => `${i.from} → ${i.specifier}`)).to.deep.equal([]);
    });

    it('computes no import at run time', () => {
      expect(graph.computed).to.deep.equal([]);
    });
  });
});
