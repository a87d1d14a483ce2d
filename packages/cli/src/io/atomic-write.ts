/**
 * Atomic file output: every file the CLI writes goes to a temporary file beside its target
 * (`.name.<pid>.<random>.tmp`, same directory so the rename stays on one file system), is flushed to
 * disk (fsync) and then renamed over the target. A reader, or a later run after a crash, sees the
 * previous file or the complete new one, never a truncated one. On an error, on SIGINT/SIGTERM/
 * SIGHUP during the write, and at process exit, the temporary file is removed; the signal then
 * takes its default course (the process ends as killed by it). An application with listeners of
 * its own keeps running: the temporary file is removed all the same and the pending write rejects.
 *
 * The content is a string, bytes (a PNG), or a (sync or async) iterable of string chunks, written
 * as they come, so a large report never needs to be one string (report/serialize.ts). Each chunk is encoded as UTF-8
 * on its own: a chunk must not end inside a surrogate pair.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  realpathSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What {@link writeFileAtomic} writes: one string, string chunks in order, or bytes (a PNG). */
export type FileContent = string | Uint8Array | Iterable<string> | AsyncIterable<string>;

/**
 * Test hook (used by the CLI's interruption tests): when set to a number of milliseconds, the
 * writer announces `mlgeo-test: holding <temp file>` on stderr after the first chunk is on disk and
 * waits that long before going on, so a test can interrupt a real run inside the write window.
 */
export const HOLD_WRITE_ENV = 'MLGEO_TEST_HOLD_WRITE_MS';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Temporary files being written by this process. */
const inFlight = new Set<string>();

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already renamed or removed
  }
}

function cleanUp(): void {
  for (const tmp of inFlight) removeQuietly(tmp);
  inFlight.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  cleanUp();
  uninstall();
  // we were the only listener: let the signal do what it would have done without us
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', cleanUp);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const signal of SIGNALS) process.off(signal, onSignal);
  process.off('exit', cleanUp);
}

/** The name of a fresh temporary file beside `target`. */
export function temporaryPathFor(target: string): string {
  const unique = `${process.pid}.${randomBytes(6).toString('hex')}`;
  return join(dirname(target), `.${basename(target)}.${unique}.tmp`);
}

/** The file a write to `target` replaces: a symbolic link's target is replaced, not the link. */
function resolveTarget(target: string): { path: string; mode: number | undefined } {
  try {
    const path = lstatSync(target).isSymbolicLink() ? realpathSync(target) : target;
    return { path, mode: statSync(path).mode & 0o7777 };
  } catch {
    return { path: target, mode: undefined };
  }
}

async function* chunksOf(content: FileContent): AsyncGenerator<string | Uint8Array> {
  if (typeof content === 'string' || content instanceof Uint8Array) yield content;
  else yield* content;
}

/** fsync of the directory, so that the rename itself survives a crash (best effort: POSIX only). */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported (Windows) or not permitted: the data itself is synced
  }
}

type Handle = Awaited<ReturnType<typeof open>>;

/** Writes every byte of `bytes` (write(2) may write fewer than asked). */
async function writeAll(handle: Handle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/**
 * Writes `content` to `target` atomically (temporary file, fsync, rename). Rejects with the
 * underlying error (the temporary file removed, an existing target untouched) when the write
 * fails. The directory of `target` must exist.
 */
export async function writeFileAtomic(target: string, content: FileContent): Promise<void> {
  const { path, mode } = resolveTarget(target);
  const tmp = temporaryPathFor(path);
  install();
  inFlight.add(tmp);
  let handle: Handle | undefined;
  try {
    handle = await open(tmp, 'wx', mode ?? 0o666);
    if (mode !== undefined) await handle.chmod(mode);
    const hold = Number(process.env[HOLD_WRITE_ENV] ?? 0);
    let first = true;
    for await (const chunk of chunksOf(content)) {
      if (chunk.length === 0) continue;
      await writeAll(
        handle,
        typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk),
      );
      if (first && hold > 0) {
        await handle.sync();
        process.stderr.write(`mlgeo-test: holding ${tmp}\n`);
        await new Promise((resolve) => setTimeout(resolve, hold));
      }
      first = false;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, path);
    inFlight.delete(tmp);
    syncDirectory(dirname(path));
  } catch (error) {
    await handle?.close().catch(() => undefined);
    removeQuietly(tmp);
    inFlight.delete(tmp);
    throw error;
  } finally {
    if (inFlight.size === 0) uninstall();
  }
}
