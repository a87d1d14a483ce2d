/**
 * Rewrites packages/cli/examples/moons.csv and moons-mlp.json from the seeded generator and trainer:
 * `npx tsx --conditions=@mlgeo/source packages/cli/src/example/write-example.ts`.
 */
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { writeFileAtomic } from '../io/atomic-write.js';
import { buildExampleFiles } from './example-files.js';

const dir = fileURLToPath(new URL('../../examples/', import.meta.url));
const files = buildExampleFiles();
await writeFileAtomic(`${dir}moons.csv`, files.csv);
// formatted like the rest of the repository (the CI runs prettier --check)
const config = (await resolveConfig(`${dir}moons-mlp.json`)) ?? {};
await writeFileAtomic(
  `${dir}moons-mlp.json`,
  await format(files.modelJson, { ...config, parser: 'json' }),
);
process.stdout.write(`wrote ${dir}moons.csv and moons-mlp.json (accuracy ${files.accuracy})\n`);
