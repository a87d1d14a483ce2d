#!/usr/bin/env node
/** Entry point of the `mlgeo` executable. */
import { runCli } from './cli.js';

// `mlgeo … | head` closes the pipe early: stop quietly, as Unix tools do, instead of an unhandled
// EPIPE with a stack trace. Files are written atomically elsewhere, so nothing is left half done.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  stderrIsTTY: process.stderr.isTTY === true,
  cwd: process.cwd(),
});
process.exitCode = code;
