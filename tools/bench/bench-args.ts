/**
 * The command-line readers of the bench scripts: `--name value` options and `--flag` switches,
 * read from process.argv (after node and the script) unless an argv is given. `--name=value` is
 * not understood (it is neither `--name` nor a value): every script takes `--name value`.
 */
const commandLine = (): readonly string[] => process.argv.slice(2);

/**
 * The word after `--name`, or `fallback` when `--name` is absent. The word is taken as it is, even
 * when it starts with `--`. A trailing `--name` (nothing after it) gives undefined, not the
 * fallback, despite the type (as the scripts' own readers did); a script that wants the fallback
 * then too says `optValue(name) ?? fallback`.
 */
export function opt(name: string, fallback: string, argv = commandLine()): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : fallback;
}

/** The word after `--name`, or undefined when `--name` is absent or is the last argument. */
export function optValue(name: string, argv = commandLine()): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Whether `--name` is on the command line. */
export function flag(name: string, argv = commandLine()): boolean {
  return argv.includes(`--${name}`);
}
