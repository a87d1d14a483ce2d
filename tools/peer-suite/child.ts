/**
 * Runs one peer-suite file in a child process (run.ts --worker), so that a timeout can stop it.
 * The child measures its own computation time in-process.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileOutcome } from './check.js';

/** Runs one file in a child process with a timeout. */
export function runChild(
  file: string,
  suite: string,
  o: { timeout: number; roundTrip: boolean; roundTripLimit: number; warm?: boolean },
): Promise<FileOutcome> {
  const self = join(dirname(fileURLToPath(import.meta.url)), 'run.ts');
  const args = [...process.execArgv, self, '--worker', file, '--suite', suite];
  args.push('--timeout', String(o.timeout));
  if (!o.roundTrip) args.push('--no-roundtrip');
  if (o.warm) args.push('--warm');
  args.push('--roundtrip-limit', String(o.roundTripLimit));
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeout * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // the last complete result line: the compared result survives a round trip that timed out
      const line = out
        .split('\n')
        .filter((l) => l.startsWith('{"file"') && l.endsWith('}'))
        .pop();
      if (line) return done(JSON.parse(line) as FileOutcome);
      const timedOut = signal === 'SIGKILL';
      done({
        file,
        kind: file.endsWith('.ext') ? 'V' : 'H',
        agree: false,
        difference: timedOut
          ? `timeout: more than ${o.timeout} s`
          : `crashed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' | ')}`,
        seconds: timedOut ? o.timeout : NaN,
        roundTrip: 'not run',
        roundTripSeconds: 0,
        size: '',
      });
    });
  });
}
