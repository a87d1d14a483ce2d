import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { parseDomainOption } from './domain-option.js';
import { InputError, UsageError } from './errors.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-domain-'));
const strings = (d: { A: { toString(): string }[][]; b: { toString(): string }[] }) => ({
  A: d.A.map((r) => r.map(String)),
  b: d.b.map(String),
});

describe('--domain', () => {
  it('box is the unit box, box:lo,hi the same interval on every axis', () => {
    expect(strings(parseDomainOption('box', 2, dir))).toEqual({
      A: [
        ['-1', '0'],
        ['0', '-1'],
        ['1', '0'],
        ['0', '1'],
      ],
      b: ['0', '0', '1', '1'],
    });
    expect(strings(parseDomainOption('box:-1,1/2', 1, dir))).toEqual({
      A: [['-1'], ['1']],
      b: ['1', '1/2'],
    });
  });

  it('box:lo1,hi1,lo2,hi2 gives one interval per axis (as the JSON box form does)', () => {
    const d = parseDomainOption('box:0,2,-1/2,0.5', 2, dir);
    // oracle: membership by the definition lo_i ≤ x_i ≤ hi_i, checked against A x ≤ b exactly
    const inside = (x: number[]) =>
      d.A.every(
        (row, r) =>
          row
            .reduce((s, a, i) => s.add(a.mul(Rational.fromDouble(x[i]!))), Rational.ZERO)
            .cmp(d.b[r]!) <= 0,
      );
    const box = (x: number[]) => x[0]! >= 0 && x[0]! <= 2 && x[1]! >= -0.5 && x[1]! <= 0.5;
    for (const x of [0, 0.5, 2, 2.25, -0.25]) {
      for (const y of [-0.75, -0.5, 0, 0.5, 0.625]) expect(inside([x, y])).toBe(box([x, y]));
    }
    expect(d.description).toBe('box [0, 2] × [-1/2, 1/2]');
    writeFileSync(
      join(dir, 'same.json'),
      JSON.stringify({
        box: [
          [0, 2],
          ['-1/2', '1/2'],
        ],
      }),
    );
    expect(strings(d)).toEqual(strings(parseDomainOption('same.json', 2, dir)));
    // two numbers still mean the same interval on every axis
    expect(parseDomainOption('box:-1,1', 3, dir).description).toBe('box [-1, 1]^3');
  });

  it('names --domain when a per-axis box has the wrong count or an empty interval', () => {
    for (const spec of ['box:0,1,0', 'box:0,1,0,1,0,1', 'box:0,1,0,1']) {
      const e = (() => {
        try {
          parseDomainOption(spec, spec === 'box:0,1,0,1' ? 3 : 2, dir);
        } catch (error) {
          return error as UsageError;
        }
        throw new Error(`${spec} was accepted`);
      })();
      expect(e).toBeInstanceOf(UsageError);
      expect(e.field).toBe('--domain');
      expect(e.message).toMatch(/bound\(s\)/);
      expect(e.fix).toMatch(/lo,hi pair per axis/);
    }
    expect(() => parseDomainOption('box:0,1,1,1', 2, dir)).toThrow(/axis 2/);
    expect(() => parseDomainOption('box:0,1,x,1', 2, dir)).toThrow(UsageError);
  });

  it('reads JSON boxes, H-representations and .ine files', () => {
    writeFileSync(
      join(dir, 'box.json'),
      JSON.stringify({
        box: [
          [0, 2],
          ['-1/2', '1/2'],
        ],
      }),
    );
    expect(strings(parseDomainOption('box.json', 2, dir)).b).toEqual(['0', '2', '1/2', '1/2']);
    writeFileSync(
      join(dir, 'tri.json'),
      JSON.stringify({
        A: [
          [-1, 0],
          [0, -1],
          [1, 1],
        ],
        b: [0, 0, 1],
      }),
    );
    expect(strings(parseDomainOption('tri.json', 2, dir)).b).toEqual(['0', '0', '1']);
    // cdd: rows "b −a" mean b − a·x ≥ 0; the triangle x ≥ 0, y ≥ 0, x + y ≤ 1
    writeFileSync(
      join(dir, 'tri.ine'),
      'H-representation\nbegin\n3 3 rational\n0 1 0\n0 0 1\n1 -1 -1\nend\n',
    );
    const ine = parseDomainOption('tri.ine', 2, dir);
    expect(ine.A).toHaveLength(3);
  });

  it('rejects bad specifications with usage or input errors naming the field', () => {
    expect(() => parseDomainOption('box:1,0', 2, dir)).toThrow(UsageError);
    expect(() => parseDomainOption('box:a,b', 2, dir)).toThrow(UsageError);
    expect(() => parseDomainOption('missing.json', 2, dir)).toThrow(InputError);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ box: [[0, 1]] }));
    expect(() => parseDomainOption('bad.json', 2, dir)).toThrow(/box: .*intervals/);
    writeFileSync(join(dir, 'bad2.json'), JSON.stringify({ A: [[1, 0]], b: ['x'] }));
    expect(() => parseDomainOption('bad2.json', 2, dir)).toThrow(/b\[0\]/);
  });
});
