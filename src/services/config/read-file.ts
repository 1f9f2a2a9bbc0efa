import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isPlugboardError, plugboardError, type PlugboardError } from '../../errors/index.js';
import { CONFIG_LIMITS } from './limits.js';

// Opening a FIFO for reading blocks until a writer appears, inside libuv's thread pool where no
// timeout can reach it (and the process can never exit). O_NONBLOCK makes open() return at once;
// it changes nothing for regular files, the only kind read. Windows has no such flag (nor FIFOs).
const OPEN_FLAGS = constants.O_RDONLY | ((constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0);
const CHUNK_BYTES = 64 * 1024;

/**
 * The text of a config file. Only regular files are opened: a directory, FIFO, socket or device
 * is `CONFIG_INVALID` naming the file and what it is, as is a file over the size limit.
 */
export async function readConfigText(file: string): Promise<string> {
  const path = resolve(file);
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    throw unreadable(file, error);
  }
  checkFile(file, info);
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    // The path may have been replaced between stat() and open(): check what was opened.
    checkFile(file, await handle.stat());
    return decode(await readAtMost(handle, CONFIG_LIMITS.maxFileBytes + 1, file));
  } catch (error) {
    throw isPlugboardError(error) ? error : unreadable(file, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function checkFile(file: string, info: Stats): void {
  if (!info.isFile()) {
    throw plugboardError('CONFIG_INVALID', { reason: 'not-a-file', file, kind: kindOfFile(info) });
  }
  if (info.size > CONFIG_LIMITS.maxFileBytes) throw tooLarge(file);
}

function kindOfFile(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** Reads until end of file, or until `limit` bytes (a file growing while read stops there). */
async function readAtMost(handle: FileHandle, limit: number, file: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  if (total > CONFIG_LIMITS.maxFileBytes) throw tooLarge(file);
  return Buffer.concat(chunks, total);
}

function decode(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  // A byte order mark is not part of the content (JSON.parse would reject it).
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function tooLarge(file: string): PlugboardError {
  return plugboardError('CONFIG_INVALID', { reason: 'too-large', file, max: CONFIG_LIMITS.maxFileBytes });
}

function unreadable(file: string, error: unknown): PlugboardError {
  return plugboardError('CONFIG_INVALID', { reason: 'unreadable', file, cause: error }, { cause: error });
}
