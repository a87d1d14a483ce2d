/**
 * The page's exact analysis (analysis.ts, with the CLI's own report builder) against the CLI: for the CLI's example model
 * and data, and for a model trained by the page's own trainer, the report the page builds equals
 * field for field the report `mlgeo analyze` builds (timing aside), passes the CLI's zod schema,
 * and `mlgeo verify --model --data` re-checks every claim of it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  REPORT_SCHEMA,
  REPORT_VERSION,
  analyze,
  reportSchema,
  runCli,
  withoutTiming,
  type CliIo,
  type ReportJson,
} from '@mlgeo/cli';
import { describe, expect, it } from 'vitest';
import { analyzeModel, cliCommand } from './analysis.js';
import { datasetToCsv, makeDataset } from './datasets.js';
import { adamState, adamStep, initMlp, mlpToJson } from './mlp.js';

const CLI_EXAMPLES = fileURLToPath(new URL('../../cli/examples/', import.meta.url));
const OWN_EXAMPLES = fileURLToPath(new URL('./examples/', import.meta.url));

function io(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    stderrIsTTY: false,
    cwd,
  };
}

async function cliReport(
  dir: string,
  model: string,
  data: string,
  cells: 'auto' | 'all' = 'auto',
): Promise<ReportJson> {
  const result = await analyze(
    { model, data, complex: 'adjacency', length: 'centroid', cells, maxCells: 20000 },
    io(dir),
  );
  return result.report;
}

async function pageReport(
  dir: string,
  model: string,
  data: string,
  cells: 'auto' | 'all' = 'auto',
): Promise<ReportJson> {
  const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) });
  return (await analyzeModel({ model: file(model), data: file(data), cells })).report;
}

async function verify(dir: string, model: string, data: string): Promise<string> {
  const cli = io(dir);
  const code = await runCli(['verify', 'report.json', '--model', model, '--data', data], cli);
  expect(cli.err.join(''), 'mlgeo verify stderr').toBe('');
  expect(code).toBe(0);
  return cli.out.join('');
}

describe('the page builds the CLI report', () => {
  it('uses the CLI schema name and version', async () => {
    const page = await pageReport(CLI_EXAMPLES, 'moons-mlp.json', 'moons.csv');
    expect([page.schema, page.version]).toEqual([REPORT_SCHEMA, REPORT_VERSION]);
  });

  it('bundles the CLI example files unchanged', () => {
    for (const name of ['moons-mlp.json', 'moons.csv', 'slice-16d-mlp.json', 'slice-16d.csv'])
      expect(readFileSync(join(OWN_EXAMPLES, name), 'utf8'), name).toBe(
        readFileSync(join(CLI_EXAMPLES, name), 'utf8'),
      );
  });

  it('equals mlgeo analyze on the CLI example, and mlgeo verify accepts it', async () => {
    const cli = await cliReport(CLI_EXAMPLES, 'moons-mlp.json', 'moons.csv');
    const page = await pageReport(CLI_EXAMPLES, 'moons-mlp.json', 'moons.csv');
    expect(reportSchema.safeParse(page).success).toBe(true);
    expect(withoutTiming(page)).toEqual(withoutTiming(cli));
    const dir = mkdtempSync(join(tmpdir(), 'mlgeo-playground-'));
    for (const name of ['moons-mlp.json', 'moons.csv'])
      writeFileSync(join(dir, name), readFileSync(join(CLI_EXAMPLES, name)));
    writeFileSync(join(dir, 'report.json'), JSON.stringify(page, null, 2) + '\n');
    expect(await verify(dir, 'moons-mlp.json', 'moons.csv')).toMatch(/verified|claims/i);
  });

  it('equals mlgeo analyze --cells all for a net trained by the page (spirals, 2→8→8→1)', async () => {
    const data = makeDataset('spirals', { count: 120, noise: 0.03, seed: 5 });
    const mlp = initMlp([2, 8, 8, 1], 3);
    const adam = adamState(mlp);
    for (let i = 0; i < 150; i++) adamStep(mlp, adam, data.x, data.labels, 0.02);
    const dir = mkdtempSync(join(tmpdir(), 'mlgeo-playground-'));
    writeFileSync(join(dir, 'playground-model.json'), mlpToJson(mlp, 'test'));
    writeFileSync(join(dir, 'spirals.csv'), datasetToCsv(data));
    const cli = await cliReport(dir, 'playground-model.json', 'spirals.csv', 'all');
    const page = await pageReport(dir, 'playground-model.json', 'spirals.csv', 'all');
    expect(page.tool.command).toBe(
      'mlgeo analyze playground-model.json --data spirals.csv --cells all',
    );
    expect(cliCommand('m.json', undefined)).toBe('mlgeo analyze m.json');
    expect(withoutTiming(page)).toEqual(withoutTiming(cli));
    writeFileSync(join(dir, 'report.json'), JSON.stringify(page, null, 2) + '\n');
    await verify(dir, 'playground-model.json', 'spirals.csv');
  });
});
