/**
 * Reader and writer of the cdd/lrs polyhedron text format, shared by `.ine` (H) and `.ext` (V).
 *
 * Layout (cddlib manual, lrs user guide):
 * ```
 * optional name / free text          (lines before `begin` that are no keyword)
 * * comment                          (any line starting with `*`, anywhere)
 * H-representation | V-representation
 * linearity k i1 … ik                (1-based rows, before `begin`)
 * begin
 * m n integer|rational|real          (m may be lrs's `*****`)
 * m rows of n numbers                (a long row may wrap onto following lines)
 * end
 * options (minimize, project, …)     (ignored by vertex/facet enumeration)
 * ```
 * Numbers are read exactly: integers, `p/q`, and decimals (`0.618…`, `1.`, `.5`, `2.6E+00`) as
 * the exact decimal they are written as (SPEC §1). The declared number type is recorded but does not
 * restrict what is accepted: cddlib's own examples put decimals in `integer` files.
 */
import { Rational, type RationalLike } from '@mlgeo/exact-arith';
import { CddFormatError, CddWriteError } from './errors.js';

/** The number type declared on the size line. */
export type CddNumberType = 'integer' | 'rational' | 'real';

/** A parsed cdd/lrs file before it is read as H- or V-representation. */
export interface CddDocument {
  /** `H` or `V` from the `…-representation` line; undefined when the file has none. */
  representation: 'H' | 'V' | undefined;
  /** First line of free text before `begin` (cdd's optional name line), if any. */
  name?: string;
  numberType: CddNumberType;
  /** Column count n = d + 1 from the size line. */
  columns: number;
  /** The rows, homogeneous: `b a1 … ad` (H) or `t x1 … xd` (V). */
  rows: Rational[][];
  /** 0-based indices of the rows named by `linearity` (sorted, duplicates removed). */
  linearity: number[];
  /** 1-based line number where each row starts (for error messages of callers). */
  rowLines: number[];
  /** Non-comment lines after `end` (options such as `minimize`, ignored here). */
  options: string[];
}

const NUMBER_TYPES: readonly string[] = ['integer', 'rational', 'real'];
const NUMBER_TOKEN = /^[+-]?(?:\d+\/\d+|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/;

/** Parses one number token exactly, or throws CddFormatError(bad-number) at `line`. */
function parseNumber(token: string, line: number): Rational {
  if (NUMBER_TOKEN.test(token)) {
    try {
      return Rational.parse(token);
    } catch {
      // zero denominator or an absurd exponent: reported below
    }
  }
  throw new CddFormatError(
    'bad-number',
    line,
    `cannot read ${JSON.stringify(token)} as a number`,
    'write an integer, a fraction p/q with q ≠ 0, or a decimal such as 0.5 or 2.5E-3',
  );
}

function isComment(trimmed: string): boolean {
  return trimmed.startsWith('*');
}

/** Reads the whole text; throws CddFormatError with a line number on any violation. */
export function readCddText(text: string): CddDocument {
  const lines = text.split(/\r\n|\r|\n/);
  let representation: 'H' | 'V' | undefined;
  let name: string | undefined;
  let linearityLine = 0;
  let linearityRaw: number[] = [];
  let i = 0;

  // Header: everything before `begin`.
  for (; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '' || isComment(t)) continue;
    const lower = t.toLowerCase();
    if (lower === 'begin') break;
    if (lower.startsWith('h-representation')) representation = 'H';
    else if (lower.startsWith('v-representation')) representation = 'V';
    else if (lower.split(/\s+/)[0] === 'linearity') {
      linearityLine = i + 1;
      linearityRaw = readLinearity(t, i + 1);
    } else if (lower === 'nonnegative') {
      // lrs's option adds x ≥ 0 silently; ignoring it would change the polyhedron
      throw new CddFormatError(
        'unsupported-option',
        i + 1,
        "lrs's `nonnegative` option is not supported",
        'remove the line and add the rows 0 e_i (x_i ≥ 0) to the file explicitly',
      );
    } else if (name === undefined) name = t;
  }
  if (i >= lines.length) {
    throw new CddFormatError(
      'missing-begin',
      Math.max(lines.length, 1),
      'no `begin` line found',
      'put a line `begin` before the size line `m n type` and the rows',
    );
  }
  const beginLine = i + 1;

  // Size line `m n type`.
  i++;
  // lrs writes `***** n type` when it does not know m: that is the size line, not a comment.
  const isSizeOrData = (s: string) => s !== '' && (!isComment(s) || /^\*+\s+\d/.test(s));
  while (i < lines.length && !isSizeOrData(lines[i]!.trim())) i++;
  if (i >= lines.length) {
    throw new CddFormatError(
      'missing-end',
      lines.length,
      `the file ends after \`begin\` (line ${beginLine})`,
      'add the size line `m n type`, the rows and `end`',
    );
  }
  const sizeLine = i + 1;
  const size = lines[i]!.trim().split(/\s+/);
  if (size.length < 3 || !/^(\d+|\*+)$/.test(size[0]!) || !/^\d+$/.test(size[1]!)) {
    throw new CddFormatError(
      'bad-size-line',
      sizeLine,
      `expected \`m n type\` after \`begin\`, got ${JSON.stringify(lines[i]!.trim())}`,
      'write the row count m (or *****), the column count n = d + 1 and integer|rational|real',
    );
  }
  const declaredRows = /^\*+$/.test(size[0]!) ? undefined : Number(size[0]);
  const columns = Number(size[1]);
  const numberType = size[2]!.toLowerCase();
  if (!NUMBER_TYPES.includes(numberType)) {
    throw new CddFormatError(
      'bad-number-type',
      sizeLine,
      `unknown number type ${JSON.stringify(size[2])}`,
      'use integer, rational or real',
    );
  }
  if (columns < 2) {
    throw new CddFormatError(
      'bad-size-line',
      sizeLine,
      `column count n = ${columns} leaves no coordinates`,
      'n is d + 1: the leading column plus one column per coordinate',
    );
  }

  // Rows until `end`. A row starts at the beginning of a line and may wrap onto following lines.
  const rows: Rational[][] = [];
  const rowLines: number[] = [];
  let current: Rational[] = [];
  let endLine = 0;
  for (i++; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '' || isComment(t)) continue;
    if (t.toLowerCase() === 'end') {
      endLine = i + 1;
      break;
    }
    const tokens = t.split(/\s+/);
    if (current.length === 0) rowLines.push(i + 1);
    if (current.length + tokens.length > columns) {
      const row = rows.length + 1;
      throw new CddFormatError(
        'wrong-column-count',
        i + 1,
        current.length === 0
          ? `row ${row} has ${tokens.length} entries, the size line (line ${sizeLine}) says n = ${columns}`
          : `row ${row} (from line ${rowLines[rows.length]}) gets ${current.length + tokens.length} entries, the size line says n = ${columns}`,
        `give every row exactly n = ${columns} numbers (b a1 … ad or t x1 … xd), or fix n`,
      );
    }
    for (const tok of tokens) current.push(parseNumber(tok, i + 1));
    if (current.length === columns) {
      rows.push(current);
      current = [];
    }
  }
  if (endLine === 0) {
    throw new CddFormatError(
      'missing-end',
      lines.length,
      'no `end` line after the rows',
      'finish the rows with a line `end`',
    );
  }
  if (current.length > 0) {
    throw new CddFormatError(
      'wrong-column-count',
      rowLines[rows.length]!,
      `row ${rows.length + 1} has ${current.length} entries, the size line (line ${sizeLine}) says n = ${columns}`,
      `give every row exactly n = ${columns} numbers`,
    );
  }
  if (declaredRows !== undefined && declaredRows !== rows.length) {
    throw new CddFormatError(
      'row-count-mismatch',
      endLine,
      `the size line (line ${sizeLine}) announces ${declaredRows} rows, found ${rows.length}`,
      `change m on line ${sizeLine} to ${rows.length} (or to ***** to let the reader count)`,
    );
  }
  for (const k of linearityRaw) {
    if (k < 1 || k > rows.length) {
      throw new CddFormatError(
        'linearity-out-of-range',
        linearityLine,
        `linearity names row ${k}, the file has rows 1..${rows.length}`,
        'linearity indices are 1-based row numbers between 1 and m',
      );
    }
  }
  const linearity = [...new Set(linearityRaw.map((k) => k - 1))].sort((a, b) => a - b);

  const options: string[] = [];
  for (i = endLine; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t !== '' && !isComment(t)) options.push(t);
  }

  const doc: CddDocument = {
    representation,
    numberType: numberType as CddNumberType,
    columns,
    rows,
    linearity,
    rowLines,
    options,
  };
  if (name !== undefined) doc.name = name;
  return doc;
}

/** `linearity k i1 … ik` → the 1-based indices (range is checked once the rows are known). */
function readLinearity(trimmed: string, line: number): number[] {
  const tokens = trimmed.split(/\s+/).slice(1);
  const fail = (message: string): never => {
    throw new CddFormatError(
      'bad-linearity',
      line,
      message,
      'write `linearity k i1 … ik`: the count k, then k row numbers (1-based)',
    );
  };
  if (tokens.length === 0 || !tokens.every((t) => /^\d+$/.test(t))) {
    fail(`cannot read ${JSON.stringify(trimmed)} as \`linearity k i1 … ik\``);
  }
  const k = Number(tokens[0]);
  if (tokens.length - 1 !== k) {
    fail(`linearity announces ${k} rows but lists ${tokens.length - 1}`);
  }
  return tokens.slice(1).map(Number);
}

/** What `writeCddText` needs: homogeneous rows in file order. */
export interface CddWriteInput {
  representation: 'H' | 'V';
  name?: string;
  columns: number;
  rows: Rational[][];
  /** 0-based rows to list under `linearity`. */
  linearity: number[];
}

const KEYWORD = /^(begin|end|linearity\b|[hv]-representation)/i;

/** Checks that a name survives a round trip as cdd's free-text name line. */
function checkName(name: string): void {
  if (
    name.trim() !== name ||
    name === '' ||
    /[\r\n]/.test(name) ||
    isComment(name) ||
    KEYWORD.test(name)
  ) {
    throw new CddWriteError(
      'name',
      `${JSON.stringify(name)} cannot be written as a cdd name line`,
      'use one non-empty line without leading/trailing blanks that does not start with `*`, `begin`, `end`, `linearity` or `H-/V-representation`',
    );
  }
}

/** Writes a valid cdd/lrs file with the true row count; `integer` when every entry is one. */
export function writeCddText(input: CddWriteInput): string {
  if (input.name !== undefined) checkName(input.name);
  const out: string[] = [];
  if (input.name !== undefined) out.push(input.name);
  out.push(`${input.representation}-representation`);
  const lin = [...new Set(input.linearity)].sort((a, b) => a - b);
  if (lin.length > 0) out.push(`linearity ${lin.length} ${lin.map((k) => k + 1).join(' ')}`);
  const integer = input.rows.every((r) => r.every((x) => x.den === 1n));
  out.push('begin');
  out.push(`${input.rows.length} ${input.columns} ${integer ? 'integer' : 'rational'}`);
  for (const r of input.rows) out.push(r.map((x) => x.toString()).join(' '));
  out.push('end');
  return out.join('\n') + '\n';
}

/** Converts a RationalLike matrix exactly, checking every row has `width` entries. */
export function toRationalRows(
  rows: readonly (readonly RationalLike[])[],
  width: number,
  field: string,
): Rational[][] {
  return rows.map((r, i) => {
    if (r.length !== width) {
      throw new CddWriteError(
        `${field}[${i}]`,
        `has ${r.length} entries, expected ${width}`,
        'give every row the same number of coordinates',
      );
    }
    return r.map((x, j) => Rational.from(x, `${field}[${i}][${j}]`));
  });
}
