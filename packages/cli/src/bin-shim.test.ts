/**
 * `npx mlgeo` works right after `npm ci`: npm links the committed bin shim (bin/mlgeo.js) into
 * node_modules/.bin, and in this checkout the shim runs the TypeScript sources through tsx with the
 * `@mlgeo/source` condition, without a build. (The packed-tarball test runs it from dist/.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './testing/run-cli.js';

const SHIM = join(REPO_ROOT, 'packages/cli/bin/mlgeo.js');

describe('the mlgeo bin shim', () => {
  it('is what package.json names and what npm linked into node_modules/.bin', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(pkg.bin).toEqual({ mlgeo: './bin/mlgeo.js' });
    const linked = join(REPO_ROOT, 'node_modules/.bin/mlgeo');
    expect(existsSync(linked)).toBe(true);
    expect(realpathSync(linked)).toBe(realpathSync(SHIM));
  });

  it('runs the sources in a checkout: --version prints the package version, exit code passes through', () => {
    const version = spawnSync(process.execPath, [SHIM, '--version'], { encoding: 'utf8' });
    expect(version.stderr).toBe('');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const usage = spawnSync(process.execPath, [SHIM, 'no-such-command'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });

  it('ends quietly when its output pipe is closed early (mlgeo --help | head -1)', () => {
    const run = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${SHIM}" --help | head -n 1`], {
      encoding: 'utf8',
    });
    expect(run.stdout).toMatch(/^Usage: mlgeo/);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|at /);
  });
});
