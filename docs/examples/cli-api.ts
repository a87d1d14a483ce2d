// The mlgeo command from TypeScript: runCli takes the arguments and where to write, and resolves
// to the exit code (0 ok, 1 bad input or failed check, 2 usage error).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@mlgeo/cli';

const out = join(mkdtempSync(join(tmpdir(), 'mlgeo-')), 'report.json');
let printed = '';
const io = {
  stdout: (s: string) => void (printed += s),
  stderr: (s: string) => void process.stderr.write(s),
  stderrIsTTY: false,
  cwd: process.cwd(),
};

const analyzed = await runCli(
  [
    'analyze',
    'packages/cli/examples/moons-mlp.json',
    '--data',
    'packages/cli/examples/moons.csv',
    '--cells',
    'data', // only the cells that hold data points
    '--out',
    out,
  ],
  io,
);
assert.equal(analyzed, 0);
const report = JSON.parse(readFileSync(out, 'utf8'));
assert.equal(report.schema, 'mlgeo-report');
assert.equal(report.data.inCells, 200); // every point lies in one cell
assert.equal(report.partition.complete, false); // a partial partition of the data-holding cells

assert.equal(await runCli(['verify', out, '--quiet'], io), 0); // every exact claim re-checked
console.log(printed);
