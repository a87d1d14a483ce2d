/**
 * Rewrites docs/report.schema.json, the JSON Schema generated from the zod schema in schema.ts
 * (formatted with the repository's prettier settings):
 * `npx tsx --conditions=@mlgeo/source packages/cli/src/report/write-schema.ts`.
 */
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { writeFileAtomic } from '../io/atomic-write.js';
import { reportJsonSchema } from './schema.js';

const file = fileURLToPath(new URL('../../../../docs/report.schema.json', import.meta.url));
const config = (await resolveConfig(file)) ?? {};
await writeFileAtomic(
  file,
  await format(JSON.stringify(reportJsonSchema()), { ...config, parser: 'json' }),
);
process.stdout.write(`wrote ${file}\n`);
