// Renders the function table as docs/template-functions.md: one section per domain, one row per
// function with its signature, summary and example. Pure, so a test can regenerate the page in
// memory and fail when the committed file has drifted from the code.
import type { FuncDef } from './func-def.js';

export const DOC_PATH = 'docs/template-functions.md';

const HEADER = `# Template functions

<!-- Generated from shared/template/ by test/shared/template/docs.test.ts; do not edit by hand.
     Regenerate with: UPDATE_GOLDEN=1 node dist/test/run-tests.js shared/template/docs -->

Every function a Katalog template may call, by domain. Signatures are Go-style: the value a
pipeline passes in (\`.x | f a\`) becomes the LAST argument, as in Go's text/template. Upstream
Orkestra notes take the value FIRST (\`contains .spec.env "prod"\`), Sprig names take it last
(\`.name | trunc 5\`); each row says which. Where a function accepts both orders it says so.
`;

/** Why a function cannot be documented: it has no doc, or a field breaks the one-line table. */
export function docProblems(defs: readonly FuncDef[]): string[] {
  const problems: string[] = [];
  for (const def of defs) {
    if (!def.doc) {
      problems.push(`${def.name}: no doc entry`);
      continue;
    }
    for (const [field, text] of Object.entries(def.doc)) {
      if (text.trim() === '') problems.push(`${def.name}: doc.${field} is empty`);
      if (/[\n`]/.test(text)) problems.push(`${def.name}: doc.${field} must be one line without backticks`);
    }
  }
  return problems;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** Plain-text cells also escape "<", which Markdown would otherwise read as an HTML tag. */
function textCell(text: string): string {
  return cell(text).replace(/</g, '&lt;');
}

function section(domain: string, defs: FuncDef[]): string {
  const rows = defs
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))
    .map((d) => {
      const doc = d.doc as NonNullable<FuncDef['doc']>;
      return `| \`${d.name}\` | \`${cell(doc.signature)}\` | ${textCell(doc.summary)} | \`${cell(doc.example)}\` |`;
    });
  return [`## ${domain}`, '', '| Function | Signature | What it does | Example |', '|---|---|---|---|', ...rows, ''].join('\n');
}

/** The Markdown page for these functions; those without a doc entry are listed last. */
export function renderDocTable(defs: readonly FuncDef[]): string {
  const domains = new Map<string, FuncDef[]>();
  const undocumented: string[] = [];
  for (const def of defs) {
    if (!def.doc) {
      undocumented.push(def.name);
      continue;
    }
    // Domains are named in either case by the files that define them; one section per name.
    const domain = def.doc.domain.charAt(0).toUpperCase() + def.doc.domain.slice(1);
    const list = domains.get(domain) ?? [];
    list.push(def);
    domains.set(domain, list);
  }
  const names = [...domains.keys()].sort((a, b) => a.localeCompare(b, 'en'));
  const parts = [HEADER, ...names.map((n) => section(n, domains.get(n) as FuncDef[]))];
  if (undocumented.length > 0) parts.push(`## Undocumented\n\n${undocumented.sort().map((n) => `- \`${n}\``).join('\n')}\n`);
  return parts.join('\n');
}
