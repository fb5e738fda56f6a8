// Rewrites the generated sections of a Markdown file: everything between
// `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->` is replaced, the rest of the file is
// left byte for byte. Pure: text in, text out; a missing or doubled marker is an error that says
// which marker to add.

const start = (name: string) => `<!-- bench:${name}:start -->`;
const end = (name: string) => `<!-- bench:${name}:end -->`;

/** `text` with the section NAME's body replaced by `body` (markers kept, body on its own lines). */
export function replaceSection(text: string, name: string, body: string, file = 'the document'): string {
  const open = text.indexOf(start(name));
  const close = text.indexOf(end(name));
  if (open < 0 || close < 0) {
    throw new Error(`${file} has no generated section "${name}": add the lines ${start(name)} and ${end(name)} where it belongs`);
  }
  if (text.indexOf(start(name), open + 1) >= 0 || text.indexOf(end(name), close + 1) >= 0) {
    throw new Error(`${file} has the markers of section "${name}" more than once: keep one pair`);
  }
  if (close < open) throw new Error(`${file}: ${end(name)} comes before ${start(name)}; swap them`);
  const before = text.slice(0, open + start(name).length);
  const after = text.slice(close);
  return `${before}\n${body.trim()}\n${after}`;
}

/** A Markdown table from a header row and data rows. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
