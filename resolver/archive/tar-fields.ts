// The fields of a tar header block and of pax records, read strictly: names, octal and base-256
// numbers, the header checksum, and entry paths normalised (or the reason they are refused).
// Pure: bytes in, values out; tar-gz.ts decides what an archive may hold.

const BLOCK = 512;

/** Relative, `/`-separated, no `..`; the reason it is refused otherwise. */
export function normalisePath(raw: string): string | { why: string } {
  if (raw.includes('\0')) return { why: 'its name contains a NUL byte' };
  if (raw.includes('\\')) return { why: 'its name contains a backslash' };
  if (raw.startsWith('/')) return { why: 'its path is absolute' };
  if (/^[A-Za-z]:/.test(raw)) return { why: 'its path starts with a drive letter' };
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return { why: "its path contains '..' and would escape the extraction root" };
  if (parts.length === 0) return { why: 'its path is empty' };
  return parts.join('/');
}

export function cString(buf: Buffer, start: number, length: number, encoding: BufferEncoding = 'utf8'): string {
  const field = buf.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end >= 0 ? end : field.length).toString(encoding);
}

/** Octal (NUL/space terminated) or GNU base-256 for large values. */
export function parseNumber(buf: Buffer, start: number, length: number): number | undefined {
  const field = buf.subarray(start, start + length);
  if (field[0]! & 0x80) {
    if (field[0]! & 0x40) return undefined; // negative
    let value = field[0]! & 0x3f;
    for (let i = 1; i < field.length; i++) {
      value = value * 256 + field[i]!;
      if (!Number.isSafeInteger(value)) return undefined;
    }
    return value;
  }
  const text = field.toString('latin1').replace(/[\0 ]+$/g, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return undefined;
  return parseInt(text, 8);
}

export function checksumOk(block: Buffer): boolean {
  const stored = parseNumber(block, 148, 8);
  let unsigned = 0;
  for (let i = 0; i < BLOCK; i++) unsigned += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return stored === unsigned;
}

/** `"<len> key=value\n"` records; undefined when a record does not parse. */
export function parsePax(body: Buffer): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < body.length) {
    if (body[at] === 0) break;
    const space = body.indexOf(0x20, at);
    if (space < 0) return undefined;
    const len = Number(body.subarray(at, space).toString('latin1'));
    if (!Number.isInteger(len) || len <= space - at || at + len > body.length) return undefined;
    const record = body.subarray(space + 1, at + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq < 0 || body[at + len - 1] !== 0x0a) return undefined;
    out[record.slice(0, eq)] = record.slice(eq + 1);
    at += len;
  }
  return out;
}
