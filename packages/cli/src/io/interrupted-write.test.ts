/**
 * Issue 10 finding 7: a Ctrl-C during the write used to leave the report as a truncated file. Child
 * processes are interrupted (SIGINT, SIGTERM) inside the write window, made deterministic: the
 * child announces it is between two chunks and waits there. The previous file must survive, and no
 * temporary file may be left. The control runs the old in-place write under the same interruption
 * and must find the previous file destroyed (so this test can tell the two apart), and the real
 * `mlgeo analyze --out` is interrupted through its test hook (MLGEO_TEST_HOLD_WRITE_MS).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../report/schema.js';
import { REPO_ROOT } from '../testing/run-cli.js';
import { writeSpecFiles } from '../testing/spec-models.js';
import { HOLD_WRITE_ENV } from './atomic-write.js';

const TSX_LOADER = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const WRITER = join(REPO_ROOT, 'packages/cli/src/testing/interrupted-writer.ts');
const BIN = join(REPO_ROOT, 'packages/cli/src/bin.ts');
const PREVIOUS = '{"previous": "report", "kept": true}\n';

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Files in the directory while the child was held in the write window. */
  during: string[];
  /** The target's content at that moment. */
  targetDuring: string;
}

/**
 * Runs a TypeScript entry in `dir`, waits until `ready` appears on `stream`, records the directory,
 * sends `signal` and resolves when the child has ended.
 */
function interrupt(
  script: string,
  args: string[],
  dir: string,
  target: string,
  ready: { stream: 'stdout' | 'stderr'; text: string },
  signal: NodeJS.Signals,
  env: Record<string, string> = {},
): Promise<Interrupted> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@mlgeo/source', '--import', TSX_LOADER, script, ...args],
      {
        cwd: dir,
        env: { ...process.env, NODE_OPTIONS: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let seen = '';
    let output = '';
    let during: string[] | undefined;
    let targetDuring = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`never reached the write window; output:\n${output}`));
    }, 90_000);
    const watch = (stream: 'stdout' | 'stderr') => (s: string) => {
      output += s;
      if (stream !== ready.stream || during !== undefined) return;
      seen += s;
      if (!seen.includes(ready.text)) return;
      during = readdirSync(dir);
      targetDuring = readFileSync(target, 'utf8');
      child.kill(signal);
    };
    child.stdout.setEncoding('utf8').on('data', watch('stdout'));
    child.stderr.setEncoding('utf8').on('data', watch('stderr'));
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      if (during === undefined) reject(new Error(`ended before the write window:\n${output}`));
      else resolve({ code, signal: sig, during, targetDuring });
    });
  });
}

const temporaries = (files: readonly string[]) => files.filter((f) => f.endsWith('.tmp'));

describe('an interrupted write leaves the previous file intact', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`writeFileAtomic, ${signal} between two chunks`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mlgeo-interrupt-'));
      const target = join(dir, 'report.json');
      writeFileSync(target, PREVIOUS);
      const run = await interrupt(
        WRITER,
        ['atomic', target],
        dir,
        target,
        { stream: 'stdout', text: 'window' },
        signal,
      );
      // in the window: the new bytes sit in one temporary file beside the untouched target
      expect(temporaries(run.during)).toHaveLength(1);
      expect(run.targetDuring).toBe(PREVIOUS);
      // the signal ended the process as it would have without the writer's handler
      expect(run.signal).toBe(signal);
      expect(readFileSync(target, 'utf8')).toBe(PREVIOUS);
      expect(readdirSync(dir)).toEqual(['report.json']);
    }, 120_000);
  }

  it('control: the old in-place write, interrupted the same way, destroys the previous file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlgeo-interrupt-'));
    const target = join(dir, 'report.json');
    writeFileSync(target, PREVIOUS);
    const run = await interrupt(
      WRITER,
      ['in-place', target],
      dir,
      target,
      { stream: 'stdout', text: 'window' },
      'SIGINT',
    );
    expect(run.signal).toBe('SIGINT');
    expect(readFileSync(target, 'utf8')).not.toBe(PREVIOUS);
  }, 120_000);

  it('mlgeo analyze --out, SIGINT in the write window: the previous report is kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlgeo-interrupt-'));
    writeSpecFiles(dir);
    const target = join(dir, 'report.json');
    writeFileSync(target, PREVIOUS);
    const before = readdirSync(dir).sort();
    const run = await interrupt(
      BIN,
      ['analyze', 'D.json', '--out', 'report.json', '--quiet'],
      dir,
      target,
      { stream: 'stderr', text: 'mlgeo-test: holding' },
      'SIGINT',
      { [HOLD_WRITE_ENV]: '60000' },
    );
    expect(temporaries(run.during)).toHaveLength(1);
    expect(run.signal).toBe('SIGINT');
    expect(readFileSync(target, 'utf8')).toBe(PREVIOUS);
    expect(readdirSync(dir).sort()).toEqual(before);
  }, 120_000);
});

describe('an uninterrupted write', () => {
  it('mlgeo analyze --out replaces the previous report with a complete one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlgeo-interrupt-'));
    writeSpecFiles(dir);
    const target = join(dir, 'report.json');
    writeFileSync(target, PREVIOUS);
    const before = readdirSync(dir).sort();
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '--conditions=@mlgeo/source',
          '--import',
          TSX_LOADER,
          BIN,
          'analyze',
          'D.json',
          '--out',
          'report.json',
          '--quiet',
        ],
        { cwd: dir, env: { ...process.env, NODE_OPTIONS: '' }, stdio: 'ignore' },
      );
      child.on('error', reject);
      child.on('close', resolve);
    });
    expect(code).toBe(0);
    expect(reportSchema.safeParse(JSON.parse(readFileSync(target, 'utf8'))).success).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(before);
  }, 120_000);
});
