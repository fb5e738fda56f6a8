// Reading a whole stream (a command's stdin, for `-f -`) with the same bound as a file: at most
// `max` bytes, or a reason. Stops reading and releases the stream as soon as the bound is passed,
// so `ork validate -f - < /dev/zero` ends at once instead of filling memory.
import type { BoundedRead } from './read-bounded.js';

export async function readStreamBounded(stream: AsyncIterable<Buffer | string>, max: number): Promise<BoundedRead> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > max) return { failure: { reason: 'too-large', max } };
      chunks.push(bytes);
    }
  } catch (e) {
    return { failure: { reason: 'other', errno: (e as NodeJS.ErrnoException | null)?.code ?? 'EIO' } };
  }
  return { bytes: Buffer.concat(chunks, size) };
}
