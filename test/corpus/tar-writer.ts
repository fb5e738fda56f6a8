// Writes tar archives exactly as a corpus case describes them, including the ones no honest tool
// would make: `..` paths, absolute paths, links, devices, FIFOs, wrong checksums, lying sizes,
// forged pax records and zero-filled bombs. Used by the corpus (charts, OCI layers) and the fuzzer.
import { gzipSync } from 'node:zlib';

/** One entry as a case file states it. */
export interface TarEntry {
  path: string;
  /** file (default), dir, symlink, hardlink, char, block, fifo, pax, gnulong, or a raw one-letter flag. */
  type?: string;
  body?: string;
  /** A body of this many zero bytes (bombs). */
  zeros?: number;
  /** Link target for symlinks and hard links. */
  link?: string;
  /** The size to declare in the header when it should differ from the body's. */
  size?: number;
  /** Corrupt the header checksum. */
  badChecksum?: boolean;
  /** pax records to put in an `x` header before this entry. */
  pax?: Record<string, string>;
}

export interface ArchiveSpec {
  entries: TarEntry[];
  /** Cut the tar stream (before gzip) to this many bytes. */
  truncate?: number;
  /** Leave out the two zero blocks that end an archive. */
  noEnd?: boolean;
}

const BLOCK = 512;
const FLAGS: Record<string, string> = { file: '0', dir: '5', symlink: '2', hardlink: '1', char: '3', block: '4', fifo: '6', pax: 'x', gnulong: 'L' };

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

export function tarHeader(path: string, flag: string, size: number, opts: { link?: string; badChecksum?: boolean } = {}): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(path.slice(0, 100), 0, 'utf8');
  block.write(octal(0o644, 8), 100, 'latin1');
  block.write(octal(0, 8), 108, 'latin1');
  block.write(octal(0, 8), 116, 'latin1');
  block.write(octal(size, 12), 124, 'latin1');
  block.write(octal(0, 12), 136, 'latin1');
  block.write(flag, 156, 'latin1');
  if (opts.link) block.write(opts.link.slice(0, 100), 157, 'utf8');
  block.write('ustar\0', 257, 'latin1');
  block.write('00', 263, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  if (opts.badChecksum) sum += 1;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

function padded(body: Buffer): Buffer[] {
  const pad = (BLOCK - (body.length % BLOCK)) % BLOCK;
  return [body, Buffer.alloc(pad)];
}

function paxBody(records: Record<string, string>): Buffer {
  const lines = Object.entries(records).map(([key, value]) => {
    const rest = ` ${key}=${value}\n`;
    let len = Buffer.byteLength(rest) + 1;
    while (String(len).length + Buffer.byteLength(rest) !== len) len = String(len).length + Buffer.byteLength(rest);
    return `${len}${rest}`;
  });
  return Buffer.from(lines.join(''), 'utf8');
}

/** The uncompressed tar bytes of `spec`. */
export function tarBytes(spec: ArchiveSpec): Buffer {
  const parts: Buffer[] = [];
  for (const entry of spec.entries) {
    if (entry.pax) {
      const body = paxBody(entry.pax);
      parts.push(tarHeader('PaxHeader', 'x', body.length), ...padded(body));
    }
    const flag = FLAGS[entry.type ?? 'file'] ?? entry.type ?? '0';
    const body = entry.zeros !== undefined ? Buffer.alloc(entry.zeros) : Buffer.from(entry.body ?? '', 'utf8');
    parts.push(tarHeader(entry.path, flag, entry.size ?? body.length, { link: entry.link, badChecksum: entry.badChecksum }), ...padded(body));
  }
  if (!spec.noEnd) parts.push(Buffer.alloc(2 * BLOCK));
  const all = Buffer.concat(parts);
  return spec.truncate === undefined ? all : all.subarray(0, spec.truncate);
}

/** The gzip'd tar of `spec` (what a chart .tgz or a tar+gzip OCI layer holds). */
export function tarGz(spec: ArchiveSpec): Buffer {
  return gzipSync(tarBytes(spec), { level: 9 });
}
