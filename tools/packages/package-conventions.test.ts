/**
 * Every packages/<name>/package.json follows the package conventions of docs/contributing.md
 * ("Packages"), so that each package installs anywhere: a new package that breaks one fails here
 * with the rule it breaks.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  type?: string;
  engines?: Record<string, string>;
  sideEffects?: unknown;
  bin?: Record<string, string>;
  exports?: Record<string, unknown>;
  files?: string[];
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const dirs = readdirSync(join(REPO_ROOT, 'packages'))
  .filter((d) => existsSync(join(REPO_ROOT, 'packages', d, 'package.json')))
  .sort();
const read = (dir: string): PackageJson =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'packages', dir, 'package.json'), 'utf8')) as PackageJson;
const workspace = new Map(dirs.map((d) => [read(d).name, { dir: d, version: read(d).version }]));

/** Files that only tests use: they must not be compiled into dist/. */
const TEST_ONLY =
  /(\.test\.ts$|\.test-helper\.ts$|\.test\.util\.ts$|\/test-helpers\.ts$|\/testing\/)/;

describe('package conventions (docs/contributing.md, "Packages")', () => {
  it('there are packages to check', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(5);
  });

  for (const dir of dirs.filter((d) => read(d).private === true)) {
    const root = join(REPO_ROOT, 'packages', dir);
    const pkg = read(dir);

    // a private package (an app such as packages/playground) is never packed or published: it
    // keeps the shared rules below but builds its own way and needs no exports or files
    describe(`packages/${dir} (${pkg.name}, private app)`, () => {
      it('is a private ES module package named @mlgeo/<dir> with engines, MIT license, LICENSE and README', () => {
        expect(pkg.name).toBe(`@mlgeo/${dir}`);
        expect(pkg.type).toBe('module');
        expect(pkg.engines?.['node'], 'engines.node').toBe('>=20');
        expect(pkg.license).toBe('MIT');
        expect(existsSync(join(root, 'LICENSE')), 'LICENSE file').toBe(true);
        expect(existsSync(join(root, 'README.md')), 'README.md').toBe(true);
        expect(pkg.sideEffects).toBe(false);
      });

      it('has the scripts build, typecheck, lint and test (same test report path)', () => {
        const s = pkg.scripts ?? {};
        expect(s['build'], 'build').toBeDefined();
        expect(s['typecheck']).toBe('tsc -p tsconfig.json');
        expect(s['lint']).toBe('eslint .');
        expect(s['test']).toBe(
          `vitest run --root ../.. --project ${dir} --reporter=default --reporter=json ` +
            `--outputFile.json=reports/vitest/packages/${dir}.json`,
        );
      });

      it('is a dependency of no published package', () => {
        for (const other of dirs.filter((d) => read(d).private !== true)) {
          const o = read(other);
          expect(
            Object.keys({ ...o.dependencies, ...o.peerDependencies }),
            `packages/${other}`,
          ).not.toContain(pkg.name);
        }
      });
    });
  }

  for (const dir of dirs.filter((d) => read(d).private !== true)) {
    const root = join(REPO_ROOT, 'packages', dir);
    const pkg = read(dir);

    describe(`packages/${dir} (${pkg.name})`, () => {
      it('is a public ES module package named @mlgeo/<dir> with engines, MIT license and LICENSE file', () => {
        expect(pkg.name).toBe(`@mlgeo/${dir}`);
        expect(pkg.private, 'packages/* are published; tools go in tools/').not.toBe(true);
        expect(pkg.type).toBe('module');
        expect(pkg.engines?.['node'], 'engines.node').toBe('>=20');
        expect(pkg.license).toBe('MIT');
        expect(existsSync(join(root, 'LICENSE')), 'LICENSE file (copy of the root LICENSE)').toBe(
          true,
        );
        expect(existsSync(join(root, 'README.md')), 'README.md').toBe(true);
      });

      it('declares sideEffects: false', () => {
        expect(pkg.sideEffects).toBe(false);
      });

      it('exports every entry as { "@mlgeo/source", types, default } and ./package.json', () => {
        const exports = pkg.exports ?? {};
        expect(exports['./package.json']).toBe('./package.json');
        const entries = Object.entries(exports).filter(([k]) => k !== './package.json');
        expect(entries.map(([k]) => k)).toContain('.');
        for (const [subpath, target] of entries) {
          expect(
            Object.keys(target as object),
            `exports["${subpath}"]: "@mlgeo/source" first, then types, then default (no plain "source")`,
          ).toEqual(['@mlgeo/source', 'types', 'default']);
          const t = target as Record<string, string>;
          expect(t['@mlgeo/source'], subpath).toMatch(/^\.\/src\/.+\.ts$/);
          expect(existsSync(join(root, t['@mlgeo/source']!)), t['@mlgeo/source']).toBe(true);
          expect(t['types'], subpath).toMatch(/^\.\/dist\/.+\.d\.ts$/);
          expect(t['default'], subpath).toMatch(/^\.\/dist\/.+\.js$/);
          // the build writes src/x.ts to dist/x.js and dist/x.d.ts
          const stem = t['@mlgeo/source']!.replace(/^\.\/src\//, './dist/').replace(/\.ts$/, '');
          expect([t['types'], t['default']]).toEqual([`${stem}.d.ts`, `${stem}.js`]);
        }
      });

      it('ships only the build (files: dist, no src) plus any bin files', () => {
        const files = pkg.files ?? [];
        expect(files).toContain('dist');
        expect(files.filter((f) => f === 'src' || f.startsWith('src/'))).toEqual([]);
        for (const [name, target] of Object.entries(pkg.bin ?? {})) {
          expect(existsSync(join(root, target)), `bin ${name} → ${target} exists in git`).toBe(
            true,
          );
          const top = target.replace(/^\.\//, '').split('/')[0]!;
          expect(files, `bin ${name}: ${top} is in files`).toContain(top);
        }
      });

      it('has the scripts: build (tsconfig.build.json), prepack, typecheck, lint, test', () => {
        const s = pkg.scripts ?? {};
        expect(s['build']).toBe('tsc -b tsconfig.build.json');
        expect(s['prepack'], 'prepack builds, so `npm pack` on a fresh clone ships code').toMatch(
          /npm run build/,
        );
        expect(s['typecheck']).toBe('tsc -p tsconfig.json');
        expect(s['lint']).toBe('eslint .');
        expect(s['test']).toBe(
          `vitest run --root ../.. --project ${dir} --reporter=default --reporter=json ` +
            `--outputFile.json=reports/vitest/packages/${dir}.json`,
        );
      });

      it('depends on other @mlgeo packages by caret range (or as peers) matching the workspace', () => {
        const internal = [
          ...Object.entries(pkg.dependencies ?? {}),
          ...Object.entries(pkg.peerDependencies ?? {}),
        ].filter(([n]) => n.startsWith('@mlgeo/'));
        for (const [name, range] of internal) {
          const dep = workspace.get(name);
          expect(dep, `${name} is a package of this repository`).toBeDefined();
          expect(range, `${name}: "^${dep!.version}"`).toBe(`^${dep!.version}`);
        }
      });

      it('builds with tsconfig.build.json: src/ without tests or test helpers, references its deps', () => {
        const file = join(root, 'tsconfig.build.json');
        expect(existsSync(file), 'tsconfig.build.json').toBe(true);
        const { config } = ts.readConfigFile(file, ts.sys.readFile);
        const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, file);
        expect(
          parsed.errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')),
        ).toEqual([]);
        expect(parsed.options.outDir && relative(root, parsed.options.outDir)).toBe('dist');
        expect(parsed.options.rootDir && relative(root, parsed.options.rootDir)).toBe('src');
        const names = parsed.fileNames.map((f) => relative(root, f));
        expect(names.length).toBeGreaterThan(0);
        expect(names.filter((f) => !f.startsWith('src/'))).toEqual([]);
        expect(names.filter((f) => TEST_ONLY.test(`/${f}`))).toEqual([]);
        const refs = (parsed.projectReferences ?? []).map((r) => relative(root, r.path));
        const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })
          .filter((n) => workspace.has(n))
          .map((n) => `../${workspace.get(n)!.dir}/tsconfig.build.json`);
        expect(refs.sort()).toEqual(deps.sort());
      });

      it('is built by the root tsconfig.json (npm run build / tsc -b)', () => {
        const { config } = ts.readConfigFile(join(REPO_ROOT, 'tsconfig.json'), ts.sys.readFile);
        const refs = (config.references as { path: string }[]).map((r) => r.path);
        expect(refs).toContain(`packages/${dir}/tsconfig.build.json`);
      });

      it('type-checks everything in src/ (tests included) with tsconfig.json', () => {
        const file = join(root, 'tsconfig.json');
        const { config } = ts.readConfigFile(file, ts.sys.readFile);
        const parsed = ts.parseJsonConfigFileContent(
          config,
          ts.sys,
          dirname(file),
          undefined,
          file,
        );
        expect(parsed.options.noEmit).toBe(true);
        expect(parsed.options.customConditions).toEqual(['@mlgeo/source']);
        const names = parsed.fileNames.map((f) => relative(root, f));
        expect(names.some((f) => f.endsWith('.test.ts'))).toBe(true);
      });
    });
  }
});
