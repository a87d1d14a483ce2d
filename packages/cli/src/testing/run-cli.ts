/**
 * Test support: runs the real `mlgeo` executable (packages/cli/src/bin.ts through tsx's loader) as a
 * child process, as a user would, and collects exit code, stdout and stderr.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Root of the repository. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
// MLGEO_CLI_BIN lets a developer point the tests at another entry script
const BIN = process.env['MLGEO_CLI_BIN'] ?? join(REPO_ROOT, 'packages/cli/src/bin.ts');
const TSX_LOADER = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** Outcome of one CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `mlgeo <args>` in `cwd` (default: the repository root). */
export function runMlgeo(args: readonly string[], cwd: string = REPO_ROOT): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@mlgeo/source', '--import', TSX_LOADER, BIN, ...args],
      {
        cwd,
        env: { ...process.env, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
