#!/usr/bin/env node
/** Entry point of the `mlgeo` executable. */
import { runCli } from './cli.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  stderrIsTTY: process.stderr.isTTY === true,
  cwd: process.cwd(),
});
process.exitCode = code;
