/**
 * Keeps the README example true: runs examples/readme-example.ts (the file the README quotes) and
 * checks its output against SPEC §9 D.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A computed specifier keeps examples/ out of this package's tsc build (rootDir is src/).
const exampleUrl = new URL('../examples/readme-example.ts', import.meta.url);

describe('README example', () => {
  it('prints SPEC §9 D', async () => {
    const mod = (await import(/* @vite-ignore */ exampleUrl.href)) as {
      readmeExample: () => string[];
    };
    expect(mod.readmeExample()).toEqual([
      '010: (0, 0) (1/2, 0) (0, 3/4) (1/2, 3/4); output 0x + 0y + -1/8',
      '011: (0, 1) (1/2, 1) (0, 3/4) (1/2, 3/4); output 0x + 1y + -7/8',
      '110: (1, 0) (1/2, 0) (1, 1/4) (1/2, 3/4); output 0x + 0y + -1/8',
      '111: (1, 1) (1/2, 1) (1, 1/4) (1/2, 3/4); output 1x + 1y + -11/8',
      'float path, same labels: true',
      '(1/4, 3/4) is in cell 010',
      // 010: x ∈ {1/20..9/20} (5) × y ≤ 3/4 (8, y = 3/4 gets bit 0) = 40; 011: 5 × 2 = 10;
      // 110: x > 1/2, x + y ≤ 5/4: Σ_{a=5..9} #{b : (2a+1+2b+1)/20 ≤ 5/4} = 7+6+5+4+3 = 25
      'data: 010=40, 011=10, 110=25, 111=25',
      'facets: 010|011, 010|110, 011|111, 110|111',
    ]);
  });

  it('the README quotes the example file verbatim', () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    const example = readFileSync(fileURLToPath(exampleUrl), 'utf8');
    const body = example.slice(example.indexOf('import {'), example.indexOf('// Print when run'));
    expect(readme).toContain(body.trim());
  });
});
