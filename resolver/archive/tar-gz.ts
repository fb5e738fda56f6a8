// Safe reading of a gzip-compressed tar (a Helm chart, an OCI tar+gzip layer) into memory. Owns the
// rules every archive must pass: no absolute path, no `..`, no link/device/FIFO, no duplicate entry,
// bounded entry count, unpacked bytes and compression ratio. Never writes to disk and never follows
// anything an entry points at; a violation throws ARCHIVE_UNSAFE naming the entry.
import { createGunzip } from 'node:zlib';
import { OrkError } from '../../shared/errors.js';
import { LIMITS } from '../../shared/limits.js';
import { checksumOk, cString, normalisePath, parseNumber, parsePax } from './tar-fields.js';

export { normalisePath } from './tar-fields.js';

/** A regular file read from an archive. Directories are checked but not returned. */
export interface ArchiveFile {
  /** Normalised relative path: `/`-separated, no leading `./`, no empty or `.` segments. */
  path: string;
  data: Buffer;
}

export interface ArchiveLimits {
  maxEntries: number;
  maxBytes: number;
  maxRatio: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: LIMITS.maxArchiveEntries,
  maxBytes: LIMITS.maxArchiveBytes,
  maxRatio: LIMITS.maxCompressionRatio,
};

/**
 * Below this many unpacked bytes the ratio is not enforced: tar pads every entry to 512 bytes and
 * ends with up to 10 KiB of zeros, so a tiny, honest archive can exceed 100:1, while nothing this
 * small can exhaust memory. Above it, unpacked/packed must stay within `maxRatio`.
 */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

const BLOCK = 512;

/**
 * Unpacks `packed` (gzip'd tar) into memory, checking every entry as it streams by so that a bomb is
 * stopped at the first byte over a bound, not after it has been inflated. `label` is the sanitised
 * source used as the errors' `source`.
 */
export async function readTarGz(
  packed: Uint8Array,
  label: string,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ArchiveFile[]> {
  if (packed.length < 2 || packed[0] !== 0x1f || packed[1] !== 0x8b) {
    throw new OrkError('IMPORT_INVALID', 'expected a gzip-compressed tar archive (.tgz); the bytes are not gzip', { source: label });
  }
  const byteBound = Math.min(limits.maxBytes, Math.max(RATIO_FLOOR_BYTES, limits.maxRatio * packed.length));
  const reader = new TarReader(label, limits.maxEntries);
  const gunzip = createGunzip();
  gunzip.end(Buffer.from(packed.buffer, packed.byteOffset, packed.length));
  let unpacked = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      unpacked += chunk.length;
      if (unpacked > byteBound) {
        const entry = reader.currentEntry();
        const where = entry ? `entry ${JSON.stringify(entry)}` : 'the archive';
        const why =
          byteBound === limits.maxBytes
            ? `unpacks to more than ${limits.maxBytes} bytes`
            : `unpacks to more than ${limits.maxRatio}× its compressed size of ${packed.length} bytes (a compression bomb?)`;
        throw new OrkError('ARCHIVE_UNSAFE', `${where}: archive ${why}; refusing it`, { source: label });
      }
      reader.push(chunk);
      if (reader.done) break;
    }
  } catch (e) {
    if (e instanceof OrkError) throw e;
    throw new OrkError('IMPORT_INVALID', `the archive is not valid gzip (${(e as Error).message}); re-create it with tar -czf or helm package`, {
      source: label,
      cause: e,
    });
  } finally {
    gunzip.destroy();
  }
  return reader.finish();
}

type Phase = { kind: 'header' } | { kind: 'data'; remaining: number; padding: number; sink: Buffer[] | undefined; meta: MetaKind | undefined; path: string };
type MetaKind = 'pax' | 'paxGlobal' | 'gnuLongName' | 'gnuLongLink';

/** Type flags with the role we give them; anything absent from this table is refused. */
const TYPES: Record<string, 'file' | 'dir' | MetaKind | 'link' | 'symlink' | 'device' | 'fifo'> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '5': 'dir',
  '1': 'link',
  '2': 'symlink',
  '3': 'device',
  '4': 'device',
  '6': 'fifo',
  x: 'pax',
  g: 'paxGlobal',
  L: 'gnuLongName',
  K: 'gnuLongLink',
};

/** Bound on one pax/GNU metadata record; real ones hold a path or two. */
const MAX_META_BYTES = 64 * 1024;

/** An incremental ustar/pax/GNU tar parser fed with inflated chunks. */
class TarReader {
  done = false;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private phase: Phase = { kind: 'header' };
  private entries = 0;
  private readonly files: ArchiveFile[] = [];
  private readonly seen = new Set<string>();
  private nextPath: string | undefined;
  private nextSize: number | undefined;
  private lastHeaderPath: string | undefined;

  constructor(
    private readonly label: string,
    private readonly maxEntries: number,
  ) {}

  currentEntry(): string | undefined {
    return this.phase.kind === 'data' ? this.phase.path : this.lastHeaderPath;
  }

  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (!this.done) {
      if (this.phase.kind === 'header') {
        if (this.pendingBytes < BLOCK) return;
        this.header(this.take(BLOCK));
      } else {
        const phase = this.phase;
        if (phase.remaining > 0) {
          if (this.pendingBytes === 0) return;
          const part = this.take(Math.min(phase.remaining, this.pendingBytes));
          phase.remaining -= part.length;
          phase.sink?.push(part);
          if (phase.remaining > 0) return;
        }
        if (this.pendingBytes < phase.padding) return;
        this.take(phase.padding);
        this.complete(phase);
        this.phase = { kind: 'header' };
      }
    }
  }

  finish(): ArchiveFile[] {
    if (!this.done) {
      const entry = this.currentEntry();
      throw new OrkError('IMPORT_INVALID', `the archive is truncated${entry ? ` in entry ${JSON.stringify(entry)}` : ''}; fetch or package it again`, {
        source: this.label,
      });
    }
    return this.files;
  }

  private take(n: number): Buffer {
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    return out;
  }

  private unsafe(path: string | undefined, why: string): OrkError {
    const where = path === undefined ? 'archive' : `entry ${JSON.stringify(path)}`;
    return new OrkError('ARCHIVE_UNSAFE', `${where}: ${why}; refusing the archive`, { source: this.label });
  }

  private header(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      // The first zero block ends the archive; what follows is padding we do not need to read.
      this.done = true;
      return;
    }
    const rawName = cString(block, 0, 100);
    const prefix = block.subarray(257, 263).toString('latin1').startsWith('ustar') ? cString(block, 345, 155) : '';
    const headerPath = prefix ? `${prefix}/${rawName}` : rawName;
    this.lastHeaderPath = this.nextPath ?? headerPath;
    if (!checksumOk(block)) {
      throw new OrkError('IMPORT_INVALID', `entry ${JSON.stringify(this.lastHeaderPath)}: tar header checksum is wrong; the archive is corrupt`, {
        source: this.label,
      });
    }
    this.entries += 1;
    if (this.entries > this.maxEntries) {
      throw this.unsafe(this.lastHeaderPath, `the archive has more than ${this.maxEntries} entries`);
    }
    const flag = String.fromCharCode(block[156]!);
    const role = TYPES[flag];
    const path = this.lastHeaderPath;
    switch (role) {
      case undefined:
        throw this.unsafe(path, `tar entry type ${JSON.stringify(flag)} is not a regular file or directory`);
      case 'symlink':
        throw this.unsafe(path, `is a symbolic link (to ${JSON.stringify(cString(block, 157, 100))})`);
      case 'link':
        throw this.unsafe(path, `is a hard link (to ${JSON.stringify(cString(block, 157, 100))})`);
      case 'device':
        throw this.unsafe(path, 'is a device node');
      case 'fifo':
        throw this.unsafe(path, 'is a FIFO');
      default:
        break;
    }
    const size = this.nextSize ?? parseNumber(block, 124, 12);
    if (size === undefined || size < 0) {
      throw new OrkError('IMPORT_INVALID', `entry ${JSON.stringify(path)}: tar header has an unreadable size; the archive is corrupt`, {
        source: this.label,
      });
    }
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (role === 'pax' || role === 'paxGlobal' || role === 'gnuLongName' || role === 'gnuLongLink') {
      if (size > MAX_META_BYTES) throw this.unsafe(path, `its ${role} metadata record is larger than ${MAX_META_BYTES} bytes`);
      this.phase = { kind: 'data', remaining: size, padding, sink: [], meta: role, path };
      return;
    }
    const clean = normalisePath(path);
    if (typeof clean !== 'string') throw this.unsafe(path, clean.why);
    this.nextPath = undefined;
    this.nextSize = undefined;
    if (role === 'dir') {
      this.phase = { kind: 'data', remaining: size, padding, sink: undefined, meta: undefined, path: clean };
      return;
    }
    if (this.seen.has(clean)) throw this.unsafe(path, 'appears twice (a later copy would silently replace the first)');
    this.seen.add(clean);
    this.phase = { kind: 'data', remaining: size, padding, sink: [], meta: undefined, path: clean };
  }

  private complete(phase: Extract<Phase, { kind: 'data' }>): void {
    const body = phase.sink ? Buffer.concat(phase.sink) : undefined;
    if (phase.meta === undefined) {
      if (body) this.files.push({ path: phase.path, data: body });
      return;
    }
    if (!body) return;
    if (phase.meta === 'gnuLongName') {
      this.nextPath = cString(body, 0, body.length, 'utf8');
    } else if (phase.meta === 'gnuLongLink') {
      // The link target is irrelevant: link entries are refused whatever they point at.
    } else if (phase.meta === 'pax') {
      const records = parsePax(body);
      if (records === undefined) throw this.unsafe(phase.path, 'has a malformed pax header');
      if (records.path !== undefined) this.nextPath = records.path;
      if (records.size !== undefined) {
        if (!/^\d+$/.test(records.size)) throw this.unsafe(phase.path, 'has a malformed pax size');
        this.nextSize = Number(records.size);
      }
    } else if (parsePax(body) === undefined) {
      throw this.unsafe(phase.path, 'has a malformed global pax header');
    }
  }
}
