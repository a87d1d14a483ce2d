import { opt } from './bench-args.js';

/**
 * Command line of the benches that compare two source trees of a package in one process
 * (`<srcA> [srcB] [--name value …] [--flag …]`): the positional paths and the named options.
 */
export function sourceTreeArgs(argv = process.argv.slice(2)) {
  const arg = (name: string, fallback: string) => opt(name, fallback, argv);
  const trees = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  return { args: argv, arg, srcA: trees[0], srcB: trees[1] };
}
