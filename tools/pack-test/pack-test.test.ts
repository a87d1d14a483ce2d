/**
 * Packages that install anywhere: every public package is packed (its prepack builds it), the
 * tarballs are installed into a scratch project outside the repository, and there — with plain
 * `node`, no tsx, no `@mlgeo/source` condition — every example embedded in the READMEs and docs
 * runs, and `mlgeo --help`, `mlgeo analyze` and `mlgeo verify` work. Run by `npm run test:pack`
 * (an nx target of tools; .ci/run runs it after `npm test`).
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExampleBlocks } from '../../packages/cli/src/docs/example-blocks.js';
import { markdownFiles } from '../../packages/cli/src/docs/markdown-files.js';
import { makeScratch, publicPackages, REPO_ROOT, run, writeAsMjs, type Scratch } from './pack.js';

const packages = publicPackages();
// every example the docs embed, and each package's examples/ (the files its README quotes)
const examples = [
  ...new Set([
    ...markdownFiles().flatMap((file) =>
      findExampleBlocks(readFileSync(join(REPO_ROOT, file), 'utf8')).map((b) => b.path),
    ),
    ...packages.flatMap((p) => {
      const dir = join(p.dir, 'examples');
      return existsSync(dir)
        ? readdirSync(dir).map((f) => relative(REPO_ROOT, join(dir, f)).split(sep).join('/'))
        : [];
    }),
  ]),
]
  .filter((p) => p.endsWith('.ts'))
  .sort();

let scratch: Scratch;

beforeAll(() => {
  scratch = makeScratch();
});

// the scratch project stays for a look when MLGEO_KEEP_PACK_TEST is set
afterAll(() => {
  if (!process.env['MLGEO_KEEP_PACK_TEST'])
    rmSync(dirname(scratch.dir), { recursive: true, force: true });
  else console.log(`scratch project: ${scratch.dir}`);
});

/** `npx mlgeo …` as a user types it in the scratch project (never fetched from the registry). */
function mlgeo(args: readonly string[]) {
  return run('npx', ['mlgeo', ...args], scratch.dir, { npm_config_yes: 'false' });
}

describe('packed packages', () => {
  it('the tarballs install into a project outside the repository', () => {
    expect(scratch.install.stderr.match(/^npm error.*$/gm) ?? []).toEqual([]);
    expect(scratch.install.code).toBe(0);
    expect(scratch.dir.startsWith(REPO_ROOT)).toBe(false);
    expect(packages.length).toBeGreaterThanOrEqual(5);
  });

  for (const pkg of packages) {
    it(`${pkg.name}: the tarball ships the build, LICENSE and README, and no tests or sources`, () => {
      const files = scratch.tarballs.find((t) => t.name === pkg.name)!.files;
      expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
      expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts']));
      const unwanted = files.filter((f) =>
        /(^src\/|\.test\.|test-helper|\.test\.util|(^|\/)testing\/|tsbuildinfo)/.test(f),
      );
      expect(unwanted).toEqual([]);
    });
  }

  it('one copy of each @mlgeo package in the installed tree', () => {
    const nested = readdirSync(join(scratch.dir, 'node_modules/@mlgeo')).filter((d) =>
      existsSync(join(scratch.dir, 'node_modules/@mlgeo', d, 'node_modules/@mlgeo')),
    );
    expect(nested).toEqual([]);
  });

  it("a consumer with its own `source` export condition imports every package's build", () => {
    const imports = packages.map((p) => `await import(${JSON.stringify(p.name)});`).join(' ');
    const r = run(
      process.execPath,
      ['--conditions=source', '--input-type=module', '-e', `${imports} console.log('ok');`],
      scratch.dir,
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ok');
  });

  for (const path of examples) {
    it(`${path} runs with plain node against the installed packages`, () => {
      const file = writeAsMjs(path, scratch.dir);
      const r = run(process.execPath, [file], scratch.dir);
      expect(r.code !== 0 ? `${r.stdout}\n${r.stderr}` : '', path).toBe('');
      expect(r.code).toBe(0);
    });
  }

  it('mlgeo --help', () => {
    const r = mlgeo(['--help']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: mlgeo /);
    expect(r.stdout).toContain('analyze');
    expect(r.stdout).toContain('verify');
  });

  it('mlgeo analyze on the embedded example, then mlgeo verify on its report', () => {
    const analyzed = mlgeo([
      'analyze',
      'packages/cli/examples/moons-mlp.json',
      '--data',
      'packages/cli/examples/moons.csv',
      '--out',
      'out/report.json',
      '--svg',
      'out/partition.svg',
    ]);
    expect(analyzed.stderr).toBe('');
    expect(analyzed.code).toBe(0);
    expect(existsSync(join(scratch.dir, 'out/report.json'))).toBe(true);
    expect(readFileSync(join(scratch.dir, 'out/partition.svg'), 'utf8')).toContain('<svg');
    const verified = mlgeo(['verify', 'out/report.json']);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
  });
});
