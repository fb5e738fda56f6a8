// The bad-input corpus's data format: one YAML file per case under test/corpus/cases/<category>/,
// plus the flag table test/corpus/flags.yaml. This file reads them, checks each states what it
// must (the command, the exit code, a message fragment), and expands the command shorthands.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { ArchiveSpec } from './tar-writer.js';

/** A file the case lays out in its working directory before the run. */
export type CaseFile =
  | string
  | { base64: string }
  | { fifo: true }
  | { symlink: string }
  | { dir: true }
  | { zeros: number }
  | { archive: ArchiveSpec };

/** What a path on the HTTPS server answers (the server records every request). */
export interface Route {
  status?: number;
  body?: string;
  /** A body of this many repeated `x` bytes. */
  bytes?: number;
  /** Serve this archive (gzip'd tar). */
  archive?: ArchiveSpec;
  headers?: Record<string, string>;
  /** 401 unless the request carries this credential (bearer | basic | github). */
  auth?: 'bearer' | 'basic' | 'github';
  /** Answer 200 with a Katalog that quotes the request's Authorization header. */
  echoAuth?: boolean;
  /** Hold the answer this long, in milliseconds. */
  delayMs?: number;
}

export interface Chart {
  version: string;
  /** Files inside the chart, relative to its top directory (Chart.yaml is added unless given). */
  files?: Record<string, string>;
  /** The whole archive instead of `files`. */
  archive?: ArchiveSpec;
}

export interface OciPush {
  registry?: 'open' | 'auth';
  repo: string;
  tag: string;
  artifactType?: string;
  configMediaType?: string;
  layers: { media: string; body?: string; archive?: ArchiveSpec; title?: string }[];
}

export type BundleOp =
  | { op: 'replace'; file: string; from: string; to: string }
  | { op: 'write'; file: string; text: string }
  | { op: 'delete'; file: string }
  | { op: 'truncate'; file: string; bytes: number }
  | { op: 'prefix'; file: string; text: string }
  | { op: 'edit'; set: Record<string, unknown> }
  | { op: 'reformat' }
  | { op: 'resign'; key?: 'own' | 'other'; payloadType?: string; statement?: Record<string, unknown> };

export interface CorpusCase {
  /** `category/name`, from the file's place. */
  id: string;
  category: string;
  argv: string[];
  exit: number;
  /** Fragments stderr must hold (what went wrong, naming the file/field/source). */
  says: string[];
  /** The error code's closing line `ork <command>: CODE`. */
  code?: string;
  /** Run the built CLI (dist/cli/main.js) in a child process instead of in process. */
  child?: boolean;
  /** Needs the real API server: runs as a child, with ${KUBECONFIG} and a namespace ${NS}. */
  cluster?: boolean;
  env?: Record<string, string>;
  files?: Record<string, CaseFile>;
  serve?: Record<string, Route>;
  charts?: Record<string, Chart>;
  oci?: OciPush[];
  /** Start from a good signed bundle in ${BUNDLE} and apply these changes. */
  bundle?: BundleOp[];
  /** Put a good bundle into ${OUT} first (an emptyDir after a restart); the failure must remove it. */
  oldBundle?: boolean;
}

const SHORTHANDS: Record<string, (v: unknown) => string[]> = {
  validate: (f) => ['validate', ...[f].flat().flatMap((x) => ['-f', String(x)])],
  template: (v) => ['template', '-f', String((v as string[])[0]), '--cr', String((v as string[])[1])],
  resolve: (f) => [
    'resolve', '-f', String(f), '--out', '${OUT}', '--key', '${KEY}', '--ca-file', '${CA}',
    '--allow-http-loopback', '--helm', '${HELM}', '--termination-message-path', '${TERM}',
  ],
  verify: () => ['verify', '--bundle', '${BUNDLE}', '--key', '${PUB}'],
};

function fail(file: string, why: string): never {
  throw new Error(`corpus case ${file}: ${why}`);
}

/** Reads and checks one case file. */
export function readCase(root: string, file: string): CorpusCase {
  let raw: Record<string, unknown>;
  try {
    raw = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    fail(file, `is not valid YAML: ${(e as Error).message}`);
  }
  const id = relative(root, file).replace(/\.ya?ml$/, '');
  const shorthand = Object.keys(SHORTHANDS).find((k) => k in raw);
  const argv = shorthand ? [...SHORTHANDS[shorthand]!(raw[shorthand]), ...((raw.args as string[]) ?? [])] : (raw.argv as string[]);
  if (!Array.isArray(argv) || argv.length === 0) fail(file, 'states no command (argv, or validate/template/resolve/verify)');
  if (typeof raw.exit !== 'number') fail(file, 'states no expected exit code');
  const says = [raw.says ?? []].flat().map(String);
  if (says.length === 0) fail(file, 'states no expected message fragment (says)');
  if (raw.exit === 0 || raw.exit === 1) fail(file, 'a bad input must exit 2, 3 or 4: 0 accepts it, 1 is an internal error');
  return { ...(raw as object), id, category: id.split('/')[0]!, argv: argv.map(String), says } as CorpusCase;
}

/** Every case under `root`, sorted by id. */
export function readCases(root: string): CorpusCase[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (/\.ya?ml$/.test(entry.name)) files.push(join(dir, entry.name));
    }
  };
  walk(root);
  return files.map((f) => readCase(root, f)).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** One row of test/corpus/flags.yaml: `[argv, exit, says]`, optionally `child` as a fourth item. */
export function readFlagRows(file: string): CorpusCase[] {
  const rows = parse(readFileSync(file, 'utf8')) as [string[], number, string, string?][];
  return rows.map(([argv, exit, says, how], i) => {
    if (!Array.isArray(argv) || typeof exit !== 'number' || typeof says !== 'string') fail(`${file} row ${i + 1}`, 'is not [argv, exit, says]');
    // `child`: run the built CLI (the controller logs JSON lines on the real stdout).
    const child = how === 'child';
    return { id: `flags/${i + 1} ${argv.join(' ')}`, category: 'flags', argv: argv.map(String), exit, says: [says], child };
  });
}

/** Replaces every `${NAME}` in `text` from `vars`; an unknown name is a broken case. */
export function expand(text: string, vars: Record<string, string>, where: string): string {
  return text.replace(/\$\{(\w+)\}/g, (_m, name: string) => vars[name] ?? fail(where, `uses \${${name}}, which the runner does not define`));
}

/** `expand` over every string inside a parsed value. */
export function expandDeep<T>(value: T, vars: Record<string, string>, where: string): T {
  if (typeof value === 'string') return expand(value, vars, where) as T;
  if (Array.isArray(value)) return value.map((v) => expandDeep(v, vars, where)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [expand(k, vars, where), expandDeep(v, vars, where)])) as T;
  }
  return value;
}
