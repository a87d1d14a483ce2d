/**
 * Memory of reading reports (issue 12: "streaming JSON reader, verify included"). Not a test;
 * measurements go to tools/bench/README.md ("Reports that scale").
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/verify-memory.ts parse FILE...
 *     per file, two child processes, each timed by GNU time (peak RSS, CPU): the old way of
 *     `mlgeo verify` (readFileSync as one string, then JSON.parse) and the streaming reader
 *     (readJsonFile); prints bytes, peak RSS, CPU and the outcome (a file above V8's longest
 *     string fails the old way with "Invalid string length" / ERR_STRING_TOO_LONG).
 *   npx tsx --conditions=@mlgeo/source tools/bench/verify-memory.ts verify FILE...
 *     `mlgeo verify FILE` as a child process under GNU time: peak RSS and CPU per report size.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '../..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const READER = pathToFileURL(join(ROOT, 'packages/cli/src/io/json-reader.ts')).href;

interface Timed {
  rssMiB: number;
  cpu: number;
  status: number | null;
  out: string;
}

/** Runs node with `args` under GNU time; peak RSS (MiB) and user+system CPU (s). */
function timed(args: string[]): Timed {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %M %U %S', process.execPath, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    maxBuffer: 1 << 26,
  });
  const m = /TIME (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  const text = (r.stdout + r.stderr.replace(/TIME .*$/s, ''))
    .trim()
    .split('\n')
    .slice(-2)
    .join(' | ');
  return {
    rssMiB: m ? Number(m[1]) / 1024 : NaN,
    cpu: m ? Number(m[2]) + Number(m[3]) : NaN,
    status: r.status,
    out: text.slice(0, 200),
  };
}

const [mode, ...files] = process.argv.slice(2);
for (const file of files) {
  const mib = statSync(file).size / 2 ** 20;
  if (mode === 'parse') {
    const old = timed([
      '-e',
      `const fs=require('fs');try{const t=fs.readFileSync(${JSON.stringify(file)},'utf8');const v=JSON.parse(t);console.log('ok',Object.keys(v).length)}catch(e){console.log('failed:',e.code??'',e.message);process.exitCode=1}`,
    ]);
    const streamed = timed([
      '--conditions=@mlgeo/source',
      '--import',
      TSX,
      '--input-type=module',
      '-e',
      `import {readJsonFile} from ${JSON.stringify(READER)};const v=readJsonFile(${JSON.stringify(file)});console.log('ok',Object.keys(v).length)`,
    ]);
    console.log(
      `${file}: ${mib.toFixed(1)} MiB | old readFileSync+JSON.parse: ${old.rssMiB.toFixed(0)} MiB peak RSS, ${old.cpu.toFixed(1)} s CPU, ${old.out} | streaming reader: ${streamed.rssMiB.toFixed(0)} MiB, ${streamed.cpu.toFixed(1)} s CPU, ${streamed.out}`,
    );
  } else if (mode === 'verify') {
    const v = timed([
      '--conditions=@mlgeo/source',
      '--import',
      TSX,
      join(ROOT, 'packages/cli/src/bin.ts'),
      'verify',
      file,
      '--quiet',
    ]);
    console.log(
      `${file}: ${mib.toFixed(1)} MiB | mlgeo verify: exit ${v.status}, ${v.rssMiB.toFixed(0)} MiB peak RSS, ${v.cpu.toFixed(1)} s CPU ${v.out}`,
    );
  } else {
    console.error('usage: verify-memory.ts parse|verify FILE...');
    process.exitCode = 2;
    break;
  }
}
