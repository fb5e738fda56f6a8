// The one bounded file reader every program uses (resolver, controller, CLI): a regular file of at
// most `max` bytes, or a reason it cannot be read. It lives in platform/, the part both programs
// may import (they must not import each other, and shared/ does no I/O). Callers map a failure to
// their own error or issue.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

export type ReadFailure =
  | { reason: 'missing' | 'denied' | 'directory' | 'not-regular' | 'loop'; errno?: string }
  | { reason: 'too-large'; max: number }
  | { reason: 'other'; errno: string };

export type BoundedRead = { bytes: Buffer } | { failure: ReadFailure };

export interface ReadBoundedOptions {
  /** Refuse a symbolic link as the last path component (a path already resolved with realpath). */
  noFollow?: boolean;
}

/**
 * Reads a regular file of at most `max` bytes. Opened non-blocking and checked with fstat before
 * any read, so a FIFO, a socket or a device is refused at once instead of blocking forever (opening
 * a FIFO for reading waits for a writer) or streaming without end (/dev/zero). Reads to EOF with one
 * byte of room past `max`, so a file that grew since fstat cannot slip through.
 */
export async function readBounded(path: string, max: number, options: ReadBoundedOptions = {}): Promise<BoundedRead> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (e) {
    return { failure: failureOf(e) };
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { failure: { reason: 'directory' } };
    if (!stat.isFile()) return { failure: { reason: 'not-regular' } };
    if (stat.size > max) return { failure: { reason: 'too-large', max } };
    return await readToEnd(handle, Math.min(stat.size, max) + 1, max);
  } catch (e) {
    return { failure: failureOf(e) };
  } finally {
    await handle.close();
  }
}

/**
 * readBounded for start-up paths that are synchronous (kubeconfig, in-cluster service-account
 * files): the same checks, the same failures.
 */
export function readBoundedSync(path: string, max: number): BoundedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { failure: failureOf(e) };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { failure: { reason: 'directory' } };
    if (!stat.isFile()) return { failure: { reason: 'not-regular' } };
    if (stat.size > max) return { failure: { reason: 'too-large', max } };
    const buffer = Buffer.alloc(max + 1);
    let filled = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) return { bytes: buffer.subarray(0, filled) };
      filled += bytesRead;
      if (filled > max) return { failure: { reason: 'too-large', max } };
    }
  } catch (e) {
    return { failure: failureOf(e) };
  } finally {
    closeSync(fd);
  }
}

/** Reads to EOF; a file that grew since fstat is followed while it stays within `max`. */
async function readToEnd(handle: FileHandle, initial: number, max: number): Promise<BoundedRead> {
  let buffer = Buffer.alloc(initial);
  let filled = 0;
  for (;;) {
    if (filled === buffer.length) {
      if (filled > max) return { failure: { reason: 'too-large', max } };
      const bigger = Buffer.alloc(Math.min(buffer.length * 2, max + 1));
      buffer.copy(bigger, 0, 0, filled);
      buffer = bigger;
    }
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
    if (bytesRead === 0) return { bytes: buffer.subarray(0, filled) };
    filled += bytesRead;
  }
}

function failureOf(e: unknown): ReadFailure {
  const errno = (e as NodeJS.ErrnoException | null)?.code ?? 'EIO';
  if (errno === 'ENOENT' || errno === 'ENOTDIR') return { reason: 'missing', errno };
  if (errno === 'EACCES' || errno === 'EPERM') return { reason: 'denied', errno };
  if (errno === 'EISDIR') return { reason: 'directory', errno };
  if (errno === 'ELOOP') return { reason: 'loop', errno };
  return { reason: 'other', errno };
}

/** Plain words for a failure, for messages that name the file themselves. */
export function describeReadFailure(failure: ReadFailure): string {
  switch (failure.reason) {
    case 'missing':
      return 'no such file';
    case 'denied':
      return 'permission denied';
    case 'directory':
      return 'is a directory, not a file';
    case 'not-regular':
      return 'is not a regular file (a pipe, socket or device); pass a regular file';
    case 'loop':
      return 'is a symbolic link, which is not followed here';
    case 'too-large':
      return `is larger than ${failure.max} bytes`;
    default:
      return failure.errno;
  }
}
