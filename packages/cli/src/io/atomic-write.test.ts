/**
 * writeFileAtomic in-process: contents from strings and (async) chunk iterables, replacement of an
 * existing file (mode and symbolic link kept), and failures that leave the previous file and no
 * temporary file behind. Interruption by signals: interrupted-write.test.ts.
 */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryPathFor, writeFileAtomic } from './atomic-write.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'mlgeo-atomic-'));
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('writeFileAtomic', () => {
  it('writes a string, sync and async chunk iterables, empty content and bytes', async () => {
    const dir = fresh();
    await writeFileAtomic(join(dir, 'a.txt'), 'héllo ✓\n');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('héllo ✓\n');
    await writeFileAtomic(join(dir, 'b.txt'), ['x', '', 'y\u{1F600}', 'z']);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('xy\u{1F600}z');
    async function* slow() {
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 1));
        yield `${i},`;
      }
    }
    await writeFileAtomic(join(dir, 'c.txt'), slow());
    expect(readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('0,1,2,3,4,');
    await writeFileAtomic(join(dir, 'd.txt'), []);
    expect(readFileSync(join(dir, 'd.txt'), 'utf8')).toBe('');
    // bytes (a PNG) are written as they are, not as UTF-8 text
    const bytes = Uint8Array.from([0x89, 0x50, 0x00, 0xff, 0xc3]);
    await writeFileAtomic(join(dir, 'e.bin'), bytes);
    expect([...readFileSync(join(dir, 'e.bin'))]).toEqual([...bytes]);
    expect(leftovers(dir)).toEqual([]);
  });

  it('replaces an existing file, keeping its permissions; a symbolic link keeps pointing at it', async () => {
    const dir = fresh();
    const file = join(dir, 'report.json');
    writeFileSync(file, 'old old old old');
    chmodSync(file, 0o640);
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    const link = join(dir, 'latest.json');
    symlinkSync('report.json', link);
    await writeFileAtomic(link, 'newer');
    expect(readlinkSync(link)).toBe('report.json');
    expect(readFileSync(file, 'utf8')).toBe('newer');
    expect(leftovers(dir)).toEqual([]);
  });

  it('a failing content source leaves the previous file and no temporary file', async () => {
    const dir = fresh();
    const file = join(dir, 'report.json');
    writeFileSync(file, 'previous');
    function* failing() {
      yield 'partial '.repeat(10_000);
      throw new Error('serializer failed');
    }
    await expect(writeFileAtomic(file, failing())).rejects.toThrow('serializer failed');
    expect(readFileSync(file, 'utf8')).toBe('previous');
    expect(leftovers(dir)).toEqual([]);
  });

  it('fails cleanly on a missing directory and on a directory in the way', async () => {
    const dir = fresh();
    await expect(writeFileAtomic(join(dir, 'no', 'such', 'r.json'), 'x')).rejects.toThrow(/ENOENT/);
    mkdirSync(join(dir, 'taken'));
    await expect(writeFileAtomic(join(dir, 'taken'), 'x')).rejects.toThrow();
    expect(statSync(join(dir, 'taken')).isDirectory()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('concurrent writes to one file: the file is one of them, whole', async () => {
    const dir = fresh();
    const file = join(dir, 'r.txt');
    const a = 'a'.repeat(300_000);
    const b = 'b'.repeat(200_000);
    await Promise.all([writeFileAtomic(file, [a, a]), writeFileAtomic(file, [b, b])]);
    expect([a + a, b + b]).toContain(readFileSync(file, 'utf8'));
    expect(leftovers(dir)).toEqual([]);
  });

  it('removes its signal listeners when no write is in flight', async () => {
    const before = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit'].map((e) => process.listenerCount(e));
    await writeFileAtomic(join(fresh(), 'x'), 'x');
    const after = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit'].map((e) => process.listenerCount(e));
    expect(after).toEqual(before);
  });

  it('names temporary files beside the target, hidden, unique', () => {
    const a = temporaryPathFor('/some/dir/report.json');
    const b = temporaryPathFor('/some/dir/report.json');
    expect(a).toMatch(
      new RegExp(`^/some/dir/\\.report\\.json\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`),
    );
    expect(a).not.toBe(b);
  });
});
