/**
 * The packed-tarball test's machinery: `npm pack` every public package of packages/* (prepack
 * builds it), install the tarballs into a scratch project in the system's temp directory — outside
 * the repository, so nothing resolves to the workspace — and run things there with plain `node`.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Root of the repository. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One public package of packages/*. */
export interface PublicPackage {
  name: string;
  dir: string;
  dependencies: string[];
}

/** Outcome of one command. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment without the npm_* variables of the `npm run` that started the test. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')),
  );
}

/** Runs a command to its end (no shell). */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Run {
  const r = spawnSync(command, args, {
    cwd,
    env: { ...cleanEnv(), ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Public packages of packages/*, dependencies before dependents. */
export function publicPackages(): PublicPackage[] {
  const all = readdirSync(join(REPO_ROOT, 'packages'))
    .filter((d) => existsSync(join(REPO_ROOT, 'packages', d, 'package.json')))
    .map((d) => {
      const dir = join(REPO_ROOT, 'packages', d);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        private?: boolean;
        dependencies?: Record<string, string>;
      };
      return {
        name: pkg.name,
        dir,
        private: pkg.private === true,
        dependencies: Object.keys(pkg.dependencies ?? {}).filter((n) => n.startsWith('@mlgeo/')),
      };
    })
    .filter((p) => !p.private)
    .sort((a, b) => a.name.localeCompare(b.name));
  const ordered: PublicPackage[] = [];
  const visit = (p: (typeof all)[number]): void => {
    if (ordered.some((o) => o.name === p.name)) return;
    for (const d of p.dependencies) {
      const dep = all.find((a) => a.name === d);
      if (dep) visit(dep);
    }
    ordered.push({ name: p.name, dir: p.dir, dependencies: p.dependencies });
  };
  all.forEach(visit);
  return ordered;
}

/** A packed package: its tarball and the files in it. */
export interface Tarball {
  name: string;
  file: string;
  files: string[];
}

/** `npm pack`s every public package (running its prepack build) into `dest`. */
export function packAll(packages: readonly PublicPackage[], dest: string): Tarball[] {
  return packages.map((p) => {
    const r = run('npm', ['pack', '--json', '--pack-destination', dest], p.dir);
    if (r.code !== 0) throw new Error(`npm pack ${p.name} failed:\n${r.stderr}`);
    // prepack's own output precedes the JSON array on stdout
    const json = JSON.parse(r.stdout.slice(r.stdout.lastIndexOf('\n[') + 1)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const info = json[0]!;
    return { name: p.name, file: join(dest, info.filename), files: info.files.map((f) => f.path) };
  });
}

/** A scratch project with the tarballs installed. */
export interface Scratch {
  dir: string;
  tarballs: Tarball[];
  install: Run;
}

/**
 * Packs every public package and installs the tarballs (their other dependencies come from the
 * registry) into a new project in the temp directory, with packages/cli/examples copied beside it
 * so the examples and commands find their model and data at the paths the docs use.
 */
export function makeScratch(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'mlgeo-pack-test-'));
  const packed = join(dir, 'tarballs');
  mkdirSync(packed);
  const tarballs = packAll(publicPackages(), packed);
  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'mlgeo-pack-test',
        private: true,
        type: 'module',
        dependencies: Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.file}`])),
      },
      null,
      2,
    ),
  );
  const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], project);
  cpSync(join(REPO_ROOT, 'packages/cli/examples'), join(project, 'packages/cli/examples'), {
    recursive: true,
  });
  return { dir: project, tarballs, install };
}

/**
 * Writes the TypeScript file `path` (relative to the repository root) as plain JavaScript
 * `<dir>/<path>.mjs` (types stripped, imports unchanged) and returns the written file.
 */
export function writeAsMjs(path: string, dir: string): string {
  const source = readFileSync(join(REPO_ROOT, path), 'utf8');
  const js = ts.transpileModule(source, {
    fileName: path,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: true,
    },
  }).outputText;
  const out = join(dir, path.replace(/\.ts$/, '.mjs'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, js);
  return out;
}
