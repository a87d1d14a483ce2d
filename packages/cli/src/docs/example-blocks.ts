/**
 * Runnable examples in Markdown: a fenced block between `<!-- example: path -->` and
 * `<!-- /example -->` must equal the file at `path` (relative to the repository root), so the tests
 * can run the file and know the docs show what runs. Blocks between `<!-- commands -->` and
 * `<!-- /commands -->` hold shell lines `mlgeo …` that the tests execute.
 */

/** One embedded example: the file it names and the code shown. */
export interface ExampleBlock {
  path: string;
  language: string;
  code: string;
  /** 1-based line of the opening marker. */
  line: number;
}

const EXAMPLE = /<!-- example: (\S+) -->\n```(\w*)\n([\s\S]*?)```\n<!-- \/example -->/g;
const COMMANDS = /<!-- commands -->\n```\w*\n([\s\S]*?)```\n<!-- \/commands -->/g;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Every example block of a Markdown text. */
export function findExampleBlocks(markdown: string): ExampleBlock[] {
  return [...markdown.matchAll(EXAMPLE)].map((m) => ({
    path: m[1]!,
    language: m[2]!,
    code: m[3]!,
    line: lineOf(markdown, m.index),
  }));
}

/** The `mlgeo …` command lines of every commands block (continuation lines joined). */
export function findCommandLines(markdown: string): string[] {
  const lines: string[] = [];
  for (const m of markdown.matchAll(COMMANDS)) {
    const joined = m[1]!.replace(/\\\n\s*/g, ' ');
    for (const raw of joined.split('\n')) {
      const line = raw.replace(/^\$\s*/, '').trim();
      if (line.startsWith('mlgeo ')) lines.push(line);
    }
  }
  return lines;
}

/** Splits a shell line into words (single and double quotes; no expansions). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let started = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += ch;
      started = true;
    }
  }
  if (started) words.push(word);
  return words;
}

/** The Markdown with every example block replaced by the current content of its file. */
export function syncExampleBlocks(markdown: string, read: (path: string) => string): string {
  return markdown.replace(EXAMPLE, (_all, path: string, language: string) => {
    const code = read(path);
    return `<!-- example: ${path} -->\n\`\`\`${language}\n${code}${code.endsWith('\n') ? '' : '\n'}\`\`\`\n<!-- /example -->`;
  });
}
