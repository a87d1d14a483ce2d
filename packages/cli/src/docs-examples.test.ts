/**
 * The examples in docs/ and the package READMEs stay true: every embedded example block equals its
 * file, every example file under docs/examples is embedded somewhere, each file runs (exit 0; the
 * examples assert SPEC values themselves), and each `mlgeo …` line of a commands block exits 0.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCommandLines, findExampleBlocks, shellWords } from './docs/example-blocks.js';
import { markdownFiles } from './docs/markdown-files.js';
import { REPO_ROOT, runMlgeo } from './testing/run-cli.js';

const docs = markdownFiles().map((file) => ({
  file,
  text: readFileSync(join(REPO_ROOT, file), 'utf8'),
}));
const blocks = docs.flatMap(({ file, text }) =>
  findExampleBlocks(text).map((b) => ({ ...b, file })),
);
const exampleFiles = [...new Set(blocks.map((b) => b.path))].sort();
const commands = docs.flatMap(({ file, text }) =>
  findCommandLines(text).map((line) => ({ file, line })),
);

function runExample(path: string): Promise<{ code: number; output: string }> {
  const loader = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@mlgeo/source', '--import', loader, join(REPO_ROOT, path)],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (s: Buffer) => (output += s.toString()));
    child.stderr.on('data', (s: Buffer) => (output += s.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

describe('documentation examples', () => {
  it('the docs embed examples and commands', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(commands.length).toBeGreaterThanOrEqual(2);
  });

  for (const block of blocks) {
    it(`${block.file}:${block.line} shows ${block.path} verbatim`, () => {
      expect(existsSync(join(REPO_ROOT, block.path)), `${block.path} exists`).toBe(true);
      const code = readFileSync(join(REPO_ROOT, block.path), 'utf8');
      expect(
        block.code,
        'run: npx tsx --conditions=@mlgeo/source packages/cli/src/docs/sync-examples.ts',
      ).toBe(code);
    });
  }

  it('every file in docs/examples is embedded in some doc', () => {
    const files = readdirSync(join(REPO_ROOT, 'docs/examples')).map((f) => `docs/examples/${f}`);
    expect(files.filter((f) => !exampleFiles.includes(f))).toEqual([]);
  });
});

describe.concurrent('documentation examples run', () => {
  for (const path of exampleFiles.filter((p) => p.endsWith('.ts'))) {
    it(`${path} exits 0`, async () => {
      const run = await runExample(path);
      expect(run.output && run.code !== 0 ? run.output : '', path).toBe('');
      expect(run.code).toBe(0);
    });
  }
  // the lines of one file run in order (later lines read what earlier ones wrote)
  // (each line is a child process: 20 s per line, so a long tutorial does not time out on a loaded
  // machine, where docs/tutorials/cli.md's lines took over 60 s together)
  for (const file of [...new Set(commands.map((c) => c.file))]) {
    const lines = commands.filter((c) => c.file === file);
    it(
      `the mlgeo commands of ${file} exit 0`,
      { timeout: 60_000 + 20_000 * lines.length },
      async () => {
        for (const { line } of lines) {
          const run = await runMlgeo(shellWords(line).slice(1));
          expect(run.stderr, line).toBe('');
          expect(run.code, line).toBe(0);
        }
      },
    );
  }
});
