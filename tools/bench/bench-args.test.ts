/**
 * The bench scripts' command-line readers (bench-args.ts): `--name value` with a fallback, the
 * value or undefined, and `--flag`; on a given argv and on process.argv.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flag, opt, optValue } from './bench-args.js';

const argv = ['--net', '3-16-16-1', '--survivors', '--seed', '7', '--lp'];

describe('opt', () => {
  it('reads the word after --name', () => {
    expect(opt('net', '2-32-32-1', argv)).toBe('3-16-16-1');
    expect(opt('seed', '1', argv)).toBe('7');
  });
  it('gives the fallback when --name is absent', () => {
    expect(opt('rounds', '5', argv)).toBe('5');
    expect(opt('net', '2-32-32-1', [])).toBe('2-32-32-1');
  });
  it('takes the next word as it is, even a flag, and does not read --name=value', () => {
    expect(opt('survivors', 'x', argv)).toBe('--seed');
    expect(opt('net', '2-32-32-1', ['--net=3-8-8-1'])).toBe('2-32-32-1');
  });
  it('gives undefined, not the fallback, for a trailing --name (as the scripts did)', () => {
    expect(opt('lp', 'facets', argv)).toBeUndefined();
  });
});

describe('optValue', () => {
  it('reads the word after --name, else undefined', () => {
    expect(optValue('seed', argv)).toBe('7');
    expect(optValue('rounds', argv)).toBeUndefined();
    expect(optValue('lp', argv)).toBeUndefined();
    expect(optValue('lp', argv) ?? 'facets').toBe('facets');
  });
});

describe('flag', () => {
  it('tells whether --name is present', () => {
    expect(flag('survivors', argv)).toBe(true);
    expect(flag('lp', argv)).toBe(true);
    expect(flag('in-process', argv)).toBe(false);
    expect(flag('survivors', [])).toBe(false);
  });
});

describe('on process.argv', () => {
  const saved = process.argv;
  afterEach(() => {
    process.argv = saved;
  });
  it('reads the arguments after node and the script', () => {
    process.argv = ['/usr/bin/node', '/bench/script.ts', '--net', '2-8-8-1', '--no-warm'];
    expect(opt('net', '3-16-16-1')).toBe('2-8-8-1');
    expect(opt('seed', '1')).toBe('1');
    expect(optValue('seed')).toBeUndefined();
    expect(flag('no-warm')).toBe(true);
    expect(flag('mark')).toBe(false);
  });
});
