#!/usr/bin/env node
// The `mlgeo` executable.
// - Installed from the registry (or a packed tarball): runs the compiled dist/bin.js.
// - In a checkout of the mlgeo repository (src/ is there and tsx is installed): runs the TypeScript
//   sources through tsx with the `@mlgeo/source` export condition, so `npx mlgeo` works right after
//   `npm ci`, without a build, and never runs a stale dist/.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const source = new URL('../src/bin.ts', import.meta.url);
const built = new URL('../dist/bin.js', import.meta.url);

/** URL of tsx's ESM loader, or undefined when tsx is not installed. */
function tsxLoader() {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return undefined;
  }
}

const loader = existsSync(source) ? tsxLoader() : undefined;
if (loader !== undefined) {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@mlgeo/source',
      '--import',
      loader,
      fileURLToPath(source),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  // the child gets terminal signals itself; pass on the ones sent to this process only
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    process.stderr.write(`mlgeo: cannot start node: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
} else if (existsSync(built)) {
  await import(built.href);
} else {
  process.stderr.write(
    'mlgeo: neither dist/bin.js (run `npm run build`) nor src/bin.ts with tsx installed was found\n',
  );
  process.exitCode = 1;
}
