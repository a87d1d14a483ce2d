/**
 * `@mlgeo/cli/browser` (packages/cli/src/browser.ts) is the CLI's browser-safe entry: the report
 * builder, the decision regions, the points reader and the slice helpers that the playground uses
 * instead of copies. esbuild bundles it for `platform: 'browser'`; any Node builtin, commander,
 * cli-progress or resvg in the bundle fails the test. The bundle (with the core packages) then runs
 * in a `node:vm` context without require/process/Buffer and writes the report of the CLI's example
 * model, which must equal — byte for byte, timing and the mode's wording aside — the report
 * `mlgeo analyze` writes in Node.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { type CliIo, analyze, withoutTiming } from '@mlgeo/cli';
import { type BuildOptions, type Plugin, build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const examples = `${root}packages/cli/examples/`;
const BUILTIN = new RegExp(
  `^(node:.*|(${builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|')})(\\/.*)?)$`,
);

function nodeBuiltins(found: Set<string>): Plugin {
  return {
    name: 'no-node-builtins',
    setup(b) {
      b.onResolve({ filter: BUILTIN }, (args) => {
        found.add(`${args.path} (imported by ${relative(root, args.importer)})`);
        return { path: args.path, namespace: 'node-builtin' };
      });
      b.onLoad({ filter: /.*/, namespace: 'node-builtin' }, () => ({ contents: '' }));
    },
  };
}

const options = (entry: string, found: Set<string>): BuildOptions => ({
  entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
  absWorkingDir: root,
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  conditions: ['@mlgeo/source'],
  write: false,
  metafile: true,
  logLevel: 'silent',
  plugins: [nodeBuiltins(found)],
});

describe('@mlgeo/cli/browser bundles for a browser', () => {
  it('needs no Node builtin and leaves the command-line parts out', async () => {
    const found = new Set<string>();
    const esm = await build({
      ...options('../../packages/cli/src/browser.ts', found),
      format: 'esm',
    });
    expect([...found], 'Node builtins pulled into the bundle').toEqual([]);
    const inputs = Object.keys(esm.metafile!.inputs);
    expect(inputs).toContain('packages/cli/src/report/report-json.ts');
    expect(inputs).toContain('packages/cli/src/report/decision-json.ts');
    expect(inputs).toContain('packages/cli/src/data.ts');
    expect(
      inputs.filter((f) =>
        /commander|cli-progress|resvg|packages\/cli\/src\/(version|cli|analyze|engine)\.ts/.test(f),
      ),
    ).toEqual([]);
  });

  it('writes, without Node globals, the report mlgeo analyze writes', async () => {
    const found = new Set<string>();
    const iife = await build({
      ...options('./cli-entry.ts', found),
      format: 'iife',
      globalName: 'cliBundle',
    });
    expect([...found]).toEqual([]);
    const context = vm.createContext({
      TextEncoder,
      TextDecoder,
      performance: { now: () => performance.now() },
      console: { log() {}, warn() {} },
    });
    vm.runInContext(iife.outputFiles![0]!.text, context);
    expect(vm.runInContext('typeof require + typeof process + typeof Buffer', context)).toBe(
      'undefinedundefinedundefined',
    );
    const model = readFileSync(`${examples}moons-mlp.json`);
    const data = readFileSync(`${examples}moons.csv`, 'utf8');
    const version = (
      JSON.parse(readFileSync(`${root}packages/cli/package.json`, 'utf8')) as { version: string }
    ).version;
    const bundle = context['cliBundle'] as {
      reportOf: (...args: string[]) => Promise<string>;
    };
    const text = await bundle.reportOf(
      'moons-mlp.json',
      model.toString('utf8'),
      'moons.csv',
      data,
      createHash('sha256').update(model).digest('hex'),
      version,
    );
    const io: CliIo = {
      stdout: () => {},
      stderr: () => {},
      stderrIsTTY: false,
      cwd: examples,
    };
    const cli = withoutTiming(
      (
        await analyze(
          {
            model: 'moons-mlp.json',
            data: 'moons.csv',
            complex: 'adjacency',
            length: 'centroid',
            cells: 'all',
            maxCells: 20000,
          },
          io,
        )
      ).report,
    );
    const browser = JSON.parse(text) as typeof cli;
    // the entry states a made-up mode reason and no --cells all on its command line
    browser.partition.modeReason = cli.partition.modeReason;
    browser.tool.command = cli.tool.command;
    expect(JSON.stringify(browser)).toBe(JSON.stringify(cli));
  });
});
