/**
 * Issue 9: every core package bundles for a browser. esbuild bundles entry.ts — which imports the
 * main entry of exact-arith, exact-polytope, model-partitions, riemannian-complex and
 * model-readers — for `platform: 'browser'`; any Node builtin the bundle would need fails the test
 * with the importing file. The bundle then runs in a fresh `node:vm` context that has only what a
 * browser page has (no `require`, `process`, `Buffer`, `module`), and its SPEC §9 B and D numbers
 * are compared with the SPEC text.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { type BuildOptions, type Plugin, build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { ExampleResult } from './entry.js';

const entry = fileURLToPath(new URL('./entry.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/** The export condition that maps a package to its src/ (as vitest and tsc use it). */
const sourceCondition = (() => {
  const pkg = JSON.parse(readFileSync(`${root}packages/exact-arith/package.json`, 'utf8')) as {
    exports: { '.': Record<string, string> };
  };
  const entry = Object.entries(pkg.exports['.']).find(([, path]) => path.startsWith('./src/'));
  if (!entry) throw new Error('exact-arith has no export condition pointing at src/');
  return entry[0];
})();

/** The core packages the bundle must contain (their src/index.ts, via the `source` condition). */
const CORE_PACKAGES = [
  'exact-arith',
  'exact-polytope',
  'model-partitions',
  'riemannian-complex',
  'model-readers',
  'curvature',
  'laplacian-splines',
  'diff-forms',
];

const BUILTIN = new RegExp(
  `^(node:.*|(${builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|')})(\\/.*)?)$`,
);

/** Records every import of a Node builtin (and stubs it, so that all of them are reported). */
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

const options = (found: Set<string>): BuildOptions => ({
  entryPoints: [entry],
  // metafile paths relative to the repository root, whatever directory the test runs from
  absWorkingDir: root,
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  conditions: [sourceCondition],
  write: false,
  metafile: true,
  logLevel: 'silent',
  plugins: [nodeBuiltins(found)],
});

/** Globals a browser page has that the bundle may use (a fresh vm context has only ECMAScript). */
function browserGlobals(): vm.Context {
  const sandbox: Record<string, unknown> = {
    console: { log() {}, warn() {}, error() {}, info() {}, debug() {} },
    TextEncoder,
    TextDecoder,
    URL,
    queueMicrotask,
    setTimeout,
    clearTimeout,
    performance: { now: () => performance.now() },
  };
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  sandbox.window = sandbox;
  return vm.createContext(sandbox);
}

describe('browser bundle of the core packages', () => {
  const built = (async () => {
    const found = new Set<string>();
    const esm = await build({ ...options(found), format: 'esm', minify: true });
    const iife = await build({ ...options(found), format: 'iife', globalName: 'mlgeoBundle' });
    return { found, esm, iife };
  })();

  it('needs no Node builtin and contains every core package', async () => {
    const { found, esm } = await built;
    expect([...found], 'Node builtins pulled into the browser bundle').toEqual([]);
    const inputs = Object.keys(esm.metafile!.inputs);
    for (const name of CORE_PACKAGES)
      expect(inputs, name).toContain(`packages/${name}/src/index.ts`);
    // Node-only entries stay out
    expect(inputs.filter((f) => /\/node\.ts$|face-jobs|face-worker/.test(f))).toEqual([]);
    const code = esm.outputFiles![0]!.text;
    // protobufjs feature-detects `global.process` (guarded); reading process.env or loading a
    // Node module is what a browser cannot do
    const nodeOnly = [
      ...code.matchAll(/.{0,60}(\bprocess\.env\b|require\(["']node:|worker_threads).{0,60}/g),
    ];
    expect(nodeOnly.map((m) => m[0])).toEqual([]);
    const kb = Math.round(code.length / 1024);
    console.log(`browser bundle (esm, minified): ${kb} KiB from ${inputs.length} modules`);
    expect(kb).toBeLessThan(1024);
  });

  it('runs SPEC §9 B and D in a context without require/process and gets the SPEC numbers', async () => {
    const { iife } = await built;
    const context = browserGlobals();
    vm.runInContext(iife.outputFiles![0]!.text, context, { filename: 'mlgeo-bundle.js' });
    expect(vm.runInContext('typeof require + typeof process + typeof Buffer', context)).toBe(
      'undefinedundefinedundefined',
    );
    const bundle = context.mlgeoBundle as { runSpecExamples: () => Promise<string> };
    const { B, D, error } = JSON.parse(await bundle.runSpecExamples()) as {
      B: ExampleResult;
      D: ExampleResult;
      error: string;
    };

    // SPEC §9 B
    expect(B.labels).toEqual(['00', '01', '10', '11']);
    expect(B.areas).toEqual(['3/8', '1/8', '1/8', '3/8']);
    expect(B.centroids).toEqual(['2/9,7/18', '1/3,5/6', '2/3,1/6', '7/9,11/18']);
    expect(B.dataCounts).toEqual(['00=40', '01=10', '10=15', '11=35']);
    expect(B.facetEdges).toEqual(['00|01', '00|10', '01|11', '10|11']);
    expect(B.sharedFaces).toEqual([
      '00|01=1/2*sqrt(2)',
      '00|10=1/2',
      '01|11=1/2',
      '10|11=1/2*sqrt(2)',
    ]);
    expect(B.extra.cosAtCentre).toEqual([
      '-1/2*sqrt(2)',
      '1/2*sqrt(2)',
      '1/2*sqrt(2)',
      '-1/2*sqrt(2)',
    ]);
    expect(Number(B.extra.angleSumOver2Pi)).toBeCloseTo(1, 12);
    expect(B.extra.centroidDistance0001).toBe('1/9*sqrt(17)');
    expect(B.extra.centroidM1_0001).toBe('9/34*sqrt(34)');
    expect(B.extra.fVector).toEqual(['4', '4']);
    expect(B.extra.nerveFVector).toEqual(['4', '6', '4', '1']);
    // SPEC §9 B, `unit`: {0, 3.07982249500, 9.79598317099, 12.8758056660}
    expect(B.extra.unitEigenvalues).toEqual([
      '0.000000000',
      '3.079822495',
      '9.795983171',
      '12.875805666',
    ]);
    expect(B.extra.cell00).toBe('3/8 at 2/9,7/18; 4 facets');
    expect(B.extra.brands).toBe('true');
    expect(B.extra.ollivier0001).toBe('-8 + 6*sqrt(2)');

    // SPEC §9 D
    expect(D.extra.format).toBe('mlgeo-mlp');
    expect(D.labels).toEqual(['010', '011', '110', '111']);
    expect(D.extra.floatLabels).toEqual(['010', '011', '110', '111']);
    expect(D.areas).toEqual(['3/8', '1/8', '1/4', '1/4']);
    expect(D.centroids).toEqual(['1/4,3/8', '1/4,7/8', '17/24,13/48', '19/24,35/48']);
    // output −1/8 on 010 and 110, y − 7/8 on 011, x + y − 11/8 on 111
    expect(D.extra.output).toEqual(['0,0;-1/8', '0,1;-7/8', '0,0;-1/8', '1,1;-11/8']);
    expect(D.facetEdges).toEqual(['010|011', '010|110', '011|111', '110|111']);
    expect(D.sharedFaces).toEqual([
      '010|011=1/2',
      '010|110=3/4',
      '011|111=1/4',
      '110|111=1/2*sqrt(2)',
    ]);
    // angles at (1/2, 3/4): π/2, π/2, π/4, 3π/4 (in quarters of π)
    expect(D.extra.anglesAtBendOverPi).toEqual(['2', '2', '1', '3']);
    // the layer-2 boundary pulls back to y = 3/4 (x < 1/2) and x + y = 5/4 (x > 1/2); layer-1
    // volumes |det J_1|·area are 0 where unit 1 is off
    expect(D.extra.layer2Pullbacks).toEqual([
      '0,1;-3/4;0',
      '0,1;-3/4;0',
      '1,1;-5/4;1/4',
      '1,1;-5/4;1/4',
    ]);
    expect(D.extra.refinementP1).toEqual(['01', '11']);
    // the grid points by the model's own rule (y = 3/4 and x + y = 5/4 get bit 0)
    expect(D.dataCounts).toEqual(['010=40', '011=10', '110=25', '111=25']);

    expect(error).toBe('NON_FINITE at points[0][1]');
  });

  it('the Node-only parts are in the ./node entries, which do need Node', async () => {
    const partitionsNode = await import('@mlgeo/model-partitions/node');
    const readersNode = await import('@mlgeo/model-readers/node');
    expect(typeof partitionsNode.facetAdjacencyParallel).toBe('function');
    expect(typeof readersNode.readModelFile).toBe('function');
    for (const [specifier, builtin] of [
      ['@mlgeo/model-partitions/node', 'node:worker_threads'],
      ['@mlgeo/model-readers/node', 'node:fs/promises'],
    ]) {
      const found = new Set<string>();
      await build({
        ...options(found),
        entryPoints: undefined,
        stdin: { contents: `export * from '${specifier}';`, resolveDir: root },
      });
      expect(
        [...found].some((f) => f.startsWith(`${builtin} `)),
        specifier,
      ).toBe(true);
    }
  });
});
