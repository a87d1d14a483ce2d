/** Name and version written into every report's `tool` field. */
import { readFileSync } from 'node:fs';

export const TOOL_NAME = 'mlgeo';
/** Version of @mlgeo/cli, read from its package.json (src/ and dist/ both sit beside it). */
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
