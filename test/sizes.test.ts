// Size limits of the sources (shared, platform, resolver, controller, cli): no file over 300 lines and no
// function over 60, except those listed below with the reason. A function's size is its whole
// span, nested functions included. The test prints the largest files and functions, so the
// numbers stay visible, and fails on a new offender — and on an exception that no longer is one.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './support/tools.js';
import { tsFilesUnder } from './support/source-files.js';

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 60;
const PARTS = ['shared', 'platform', 'resolver', 'controller', 'cli'];

/** `path` or `path#function`, with why it may stay over the limit. Keep this list short. */
const EXCEPTIONS: Record<string, string> = {
  'controller/engine/informer.ts': 'list+watch, relist on 410, resync and the stall watchdog share one state machine',
  'controller/leader/elector.ts': 'the Lease state machine (compete, renew, lose, release, split-brain guard) in one class',
};

export interface Measure {
  /** `path` for a file, `path#name` for a function. */
  id: string;
  lines: number;
}

function linesOf(text: string): number {
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
}

function nameOf(node: ts.Node, source: ts.SourceFile): string {
  const named = node as { name?: ts.Node };
  if (named.name) return named.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText(source);
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText(source);
  return `(anonymous at line ${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1})`;
}

/** Every function, method, constructor, accessor and arrow function in `text` with its span. */
export function functionSizes(text: string, file: string): Measure[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Measure[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ id: `${file}#${nameOf(node, source)}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function measure(): { files: Measure[]; functions: Measure[] } {
  const files: Measure[] = [];
  const functions: Measure[] = [];
  for (const path of PARTS.flatMap((p) => tsFilesUnder(join(repoRoot, p)))) {
    const rel = relative(repoRoot, path).split(sep).join('/');
    const text = readFileSync(path, 'utf8');
    files.push({ id: rel, lines: linesOf(text) });
    functions.push(...functionSizes(text, rel));
  }
  return { files, functions };
}

const largest = (items: Measure[], n: number): string => [...items].sort((a, b) => b.lines - a.lines).slice(0, n).map((m) => `${m.lines} ${m.id}`).join('\n      ');

describe('sizes: files ≤ 300 lines, functions ≤ 60, or an exception with its reason', () => {
  it('measures a function with its nested functions, methods and arrows', () => {
    const text = 'function outer() {\n  const inner = () => {\n    return 1;\n  };\n  return inner();\n}\nclass C {\n  m(): void {}\n}\n';
    expect(functionSizes(text, 'f.ts')).to.deep.equal([
      { id: 'f.ts#outer', lines: 6 },
      { id: 'f.ts#inner', lines: 3 },
      { id: 'f.ts#m', lines: 1 },
    ]);
  });

  const { files, functions } = measure();
  const over = [
    ...files.filter((f) => f.lines > MAX_FILE_LINES),
    ...functions.filter((f) => f.lines > MAX_FUNCTION_LINES),
  ];

  it('lists the largest files and functions', function () {
    // Visible in the test output: the numbers this guard keeps in check.
    console.log(`      largest files:\n      ${largest(files, 5)}\n      largest functions:\n      ${largest(functions, 5)}`);
    expect(files.length).to.be.greaterThan(100);
  });

  it('has no file or function over the limit that is not an exception', () => {
    const unlisted = over.filter((m) => !(m.id in EXCEPTIONS)).map((m) => `${m.id}: ${m.lines} lines`);
    expect(unlisted).to.deep.equal([]);
  });

  it('has no exception that is within the limits (remove it from the list)', () => {
    const stale = Object.keys(EXCEPTIONS).filter((id) => !over.some((m) => m.id === id));
    expect(stale).to.deep.equal([]);
  });
});
