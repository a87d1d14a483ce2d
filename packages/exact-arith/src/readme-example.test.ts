/**
 * Keeps the README example true: runs examples/readme-example.ts (the file the README quotes) and
 * checks its output against hand-computed values.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A computed specifier keeps examples/ out of this package's tsc build (rootDir is src/); the
// example is type-checked by the root tsconfig.examples.json (npm run typecheck).
const exampleUrl = new URL('../examples/readme-example.ts', import.meta.url);

describe('README example', () => {
  it('prints what the README says', async () => {
    const mod = (await import(/* @vite-ignore */ exampleUrl.href)) as {
      readmeExample: () => string[];
    };
    const lines = mod.readmeExample();
    expect(lines).toEqual([
      '0.1 as stored: 3602879701896397/36028797018963968', // 0.1 = 3602879701896397 · 2^-55
      '"0.1" parsed: 1/10',
      'round trip exact: true',
      '1/10 + 2/10 = 3/10',
      '|diagonal| = sqrt(2), √(1/2) = 1/2*sqrt(2)',
      '√(1/2)·2 equals √2: true',
      'JSON: {"exact":"1/2*sqrt(2)","r":"1/2","q":"2","float":0.7071067811865476,"sign":1,"squared":"1/2"}',
      'det (rational field) = 18', // 2·(3·4 − 1) − 1·(1·4 − 0) = 18
      'det (Bareiss) = 18',
      'solve A x = (1, 2, 3): x = (1/3, 1/3, 2/3)', // 2/3+1/3 = 1, 1/3+1+2/3 = 2, 1/3+8/3 = 3
    ]);
    expect(2 ** -55 * 3602879701896397).toBe(0.1);
  });

  it('the README quotes the example file verbatim', () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    const example = readFileSync(fileURLToPath(exampleUrl), 'utf8');
    const body = example.slice(example.indexOf('import {'), example.indexOf('// Print when run'));
    expect(readme).toContain(body.trim());
  });
});
