/**
 * @mlgeo/model-readers/node — the Node-only conveniences that read model files from disk. The main
 * entry (`@mlgeo/model-readers`) reads bytes and strings and runs anywhere, browsers included.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type ReadModelFileOptions, readModelBytes } from './detect.js';
import { ModelFormatError } from './errors.js';
import type { ModelReadResult } from './types.js';

export type { ReadModelFileOptions } from './detect.js';

/**
 * Reads a model file from disk, detecting its format unless `options.format` is given (tfjs weight
 * shards are read from the folder of model.json). Returns the model, the domain the file carried
 * (our JSON and sklearn JSON may have `domain`) and the format name. Every error is a
 * ModelFormatError naming the file and the field.
 */
export async function readModelFile(
  path: string,
  options: ReadModelFileOptions = {},
): Promise<ModelReadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ModelFormatError(
      'DECODE',
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      {
        file: path,
        field: '(file)',
        fix: 'check the path',
      },
    );
  }
  return readModelBytes(path, bytes, {
    ...options,
    readSibling: (relative) => readFile(join(dirname(path), relative)),
  });
}
