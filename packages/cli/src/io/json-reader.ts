/**
 * A streaming JSON reader: the value `JSON.parse` gives, built from the document's bytes fed in
 * chunks of any size, so that no string ever holds the whole document (V8 strings stop at
 * 2^29 − 24 characters; a 3-D report is larger) and no chunk stays referenced by the values (every
 * string value is decoded from its own bytes, never a slice of a chunk). The grammar is RFC 8259
 * (ECMA-404) as JSON.parse reads it: insignificant whitespace is space, tab, LF and CR; strings
 * reject raw control characters; escapes are \" \\ \/ \b \f \n \r \t \uXXXX (a lone surrogate
 * escape gives a lone surrogate, as JSON.parse); numbers are `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`
 * converted by Number (so 1e400 is Infinity and -0 is -0, as JSON.parse); `__proto__` keys become
 * own properties; a repeated key keeps its first position and its last value. Invalid UTF-8 decodes
 * to U+FFFD (as Buffer#toString).
 *
 * Arrays named in `streamed` (by their path of keys from the root, e.g. ["partition", "cells"])
 * are handed to a callback element by element as each element is complete; with `keep: false` the
 * elements are not stored in the array, so memory does not grow with the array.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** An array whose elements are handed over one by one. */
export interface StreamedArray {
  /** Object keys from the root to the array (array indices are not part of paths). */
  path: readonly string[];
  /** Called with each element when it is complete, in order. */
  onElement(element: unknown, index: number): void;
  /** Store the elements in the array too (default true); false leaves the array empty. */
  keep?: boolean;
}

/** Options of {@link JsonReader}. */
export interface JsonReaderOptions {
  streamed?: readonly StreamedArray[];
}

/** A malformed document: what was expected, at which byte offset. */
export class JsonSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'JsonSyntaxError';
  }
}

/** Parser states: what the next token must be. */
const enum Expect {
  /** A value (document start, after `[`, `,` in an array, `:`). */
  Value,
  /** A value or `]` (right after `[`). */
  ValueOrClose,
  /** A key string or `}` (right after `{`). */
  KeyOrClose,
  /** A key string (after `,` in an object). */
  Key,
  /** `:` after a key. */
  Colon,
  /** `,` or the closing bracket. */
  CommaOrClose,
  /** Nothing but whitespace (after the top-level value). */
  End,
}

interface Frame {
  readonly isArray: boolean;
  readonly value: unknown[] | Record<string, unknown>;
  /** The key this container is stored under in its parent (undefined in arrays and at the root). */
  readonly key: string | undefined;
  /** Object: the key whose value is being read. */
  pendingKey: string | undefined;
  /** Array elements seen (streamed arrays may not store them). */
  count: number;
  /** Set when this array is one of the streamed arrays. */
  readonly streamed: StreamedArray | undefined;
}

/** Scanning state of a token that may continue into the next chunk. */
const enum Lexeme {
  None,
  String,
  Number,
  Literal,
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const ESCAPES: Record<number, string> = {
  0x22: '"',
  0x5c: '\\',
  0x2f: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
};

function isNumberByte(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45
  );
}

/**
 * Incremental JSON parser over bytes: `write` chunks (Buffer or string, split anywhere), then
 * `end()` returns the value.
 */
export class JsonReader {
  private readonly streamed: readonly StreamedArray[];
  private readonly stack: Frame[] = [];
  private expect: Expect = Expect.Value;
  private root: unknown = undefined;
  /** Bytes consumed before the current chunk. */
  private offset = 0;
  // a token that continues into the next chunk
  private lexeme: Lexeme = Lexeme.None;
  /** String: decoded parts so far; number/literal: the bytes so far (ASCII). */
  private parts: string[] = [];
  /** String: raw bytes not yet decoded (a run without escapes, maybe split in a UTF-8 sequence). */
  private pending: Buffer[] = [];
  /** String: an escape in progress (`\` and what follows, up to `\uXXXX`). */
  private escape = '';
  private tokenText = '';
  private tokenStart = 0;

  constructor(options: JsonReaderOptions = {}) {
    this.streamed = options.streamed ?? [];
  }

  /** Bytes read so far. */
  get bytesRead(): number {
    return this.offset;
  }

  /** Feeds the next piece of the document. */
  write(chunk: Buffer | Uint8Array | string): void {
    const buf =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let i = 0;
    const n = buf.length;
    if (this.lexeme !== Lexeme.None) i = this.continueLexeme(buf, 0);
    while (i < n) {
      const c = buf[i]!;
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        i++;
        continue;
      }
      switch (c) {
        case 0x7b: // {
          this.openContainer(false, i);
          i++;
          break;
        case 0x5b: // [
          this.openContainer(true, i);
          i++;
          break;
        case 0x7d: // }
        case 0x5d: // ]
          this.closeContainer(c === 0x5d, i);
          i++;
          break;
        case 0x2c: // ,
          if (this.expect !== Expect.CommaOrClose) this.fail(`unexpected ","`, i);
          this.expect = this.stack[this.stack.length - 1]!.isArray ? Expect.Value : Expect.Key;
          i++;
          break;
        case 0x3a: // :
          if (this.expect !== Expect.Colon) this.fail(`unexpected ":"`, i);
          this.expect = Expect.Value;
          i++;
          break;
        case 0x22: // "
          if (
            this.expect !== Expect.Value &&
            this.expect !== Expect.ValueOrClose &&
            this.expect !== Expect.Key &&
            this.expect !== Expect.KeyOrClose
          ) {
            this.fail('unexpected string', i);
          }
          this.lexeme = Lexeme.String;
          this.tokenStart = this.offset + i;
          i = this.continueLexeme(buf, i + 1);
          break;
        default:
          this.expectValue(i);
          this.tokenStart = this.offset + i;
          this.lexeme = isNumberByte(c) ? Lexeme.Number : Lexeme.Literal;
          this.tokenText = '';
          i = this.continueLexeme(buf, i);
      }
    }
    this.offset += n;
  }

  /** Ends the document; returns its value (throws JsonSyntaxError when incomplete). */
  end(): unknown {
    if (this.lexeme === Lexeme.Number || this.lexeme === Lexeme.Literal) this.finishWord();
    if (this.lexeme === Lexeme.String) this.fail('unterminated string', this.offset, true);
    if (this.expect !== Expect.End) this.fail('unexpected end of the document', this.offset, true);
    return this.root;
  }

  private fail(message: string, at: number, absolute = false): never {
    throw new JsonSyntaxError(message, absolute ? at : this.offset + at);
  }

  private expectValue(i: number): void {
    if (this.expect !== Expect.Value && this.expect !== Expect.ValueOrClose) {
      const what = this.expect === Expect.End ? 'data after the document' : 'unexpected value';
      this.fail(what, i);
    }
  }

  /** Scans the current token from `i`; returns where scanning stopped (the chunk end if open). */
  private continueLexeme(buf: Buffer, start: number): number {
    if (this.lexeme === Lexeme.String) return this.scanString(buf, start);
    let i = start;
    const n = buf.length;
    if (this.lexeme === Lexeme.Number) while (i < n && isNumberByte(buf[i]!)) i++;
    else
      while (i < n) {
        const c = buf[i]!;
        if (c < 0x61 || c > 0x7a) break; // literals are lowercase letters
        i++;
      }
    this.tokenText += buf.toString('latin1', start, i);
    if (i < n) this.finishWord();
    return i;
  }

  /** A complete number or literal. */
  private finishWord(): void {
    const text = this.tokenText;
    this.lexeme = Lexeme.None;
    this.tokenText = '';
    let value: unknown;
    if (text === 'true') value = true;
    else if (text === 'false') value = false;
    else if (text === 'null') value = null;
    else if (NUMBER.test(text)) value = Number(text);
    else this.fail(`unexpected token ${JSON.stringify(text.slice(0, 20))}`, this.tokenStart, true);
    this.putValue(value, this.tokenStart);
  }

  /** Scans string content from `start` (after the opening quote or where the last chunk ended). */
  private scanString(buf: Buffer, start: number): number {
    let i = start;
    let run = start;
    const n = buf.length;
    while (i < n) {
      if (this.escape !== '') {
        this.escape += String.fromCharCode(buf[i]!);
        i++;
        run = i;
        this.takeEscape();
        continue;
      }
      const c = buf[i]!;
      if (c === 0x22) {
        if (i > run) this.pending.push(buf.subarray(run, i));
        this.flushPending();
        const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
        this.parts = [];
        this.lexeme = Lexeme.None;
        this.putString(text);
        return i + 1;
      }
      if (c === 0x5c) {
        if (i > run) this.pending.push(buf.subarray(run, i));
        this.flushPending();
        this.escape = '\\';
        i++;
        run = i;
        continue;
      }
      if (c < 0x20) this.fail('control character in a string', i);
      i++;
    }
    // the string goes on in the next chunk: keep a copy of the raw run (the chunk is not retained)
    if (n > run) this.pending.push(Buffer.from(buf.subarray(run, n)));
    return n;
  }

  /** Decodes the raw bytes gathered so far (whole UTF-8 sequences: they end before `"` or `\`). */
  private flushPending(): void {
    if (this.pending.length === 0) {
      if (this.parts.length === 0) this.parts.push('');
      return;
    }
    const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    // toString copies: the value does not keep the chunk alive
    this.parts.push(bytes.toString('utf8'));
  }

  /** An escape sequence once it is complete. */
  private takeEscape(): void {
    const e = this.escape;
    if (e.length === 2) {
      const code = e.charCodeAt(1);
      if (code === 0x75) return; // \u: four hex digits follow
      const out = ESCAPES[code];
      if (out === undefined) this.fail(`bad escape ${JSON.stringify(e)}`, this.tokenStart, true);
      this.parts.push(out);
      this.escape = '';
      return;
    }
    if (e.length < 6) return;
    if (!/^\\u[0-9a-fA-F]{4}$/.test(e)) {
      this.fail(`bad escape ${JSON.stringify(e)}`, this.tokenStart, true);
    }
    this.parts.push(String.fromCharCode(parseInt(e.slice(2), 16)));
    this.escape = '';
  }

  /** A complete string: an object key or a value. */
  private putString(text: string): void {
    if (this.expect === Expect.Key || this.expect === Expect.KeyOrClose) {
      this.stack[this.stack.length - 1]!.pendingKey = text;
      this.expect = Expect.Colon;
      return;
    }
    this.putValue(text, this.tokenStart);
  }

  /** Stores a complete value in the container on top of the stack (or as the root). */
  private putValue(value: unknown, at: number): void {
    if (this.expect !== Expect.Value && this.expect !== Expect.ValueOrClose) {
      this.fail('unexpected value', at, true);
    }
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      this.root = value;
      this.expect = Expect.End;
      return;
    }
    if (top.isArray) {
      const index = top.count++;
      if (top.streamed !== undefined) {
        top.streamed.onElement(value, index);
        if (top.streamed.keep !== false) (top.value as unknown[]).push(value);
      } else (top.value as unknown[]).push(value);
    } else {
      const key = top.pendingKey!;
      const record = top.value as Record<string, unknown>;
      if (key === '__proto__') {
        Object.defineProperty(record, key, {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else record[key] = value;
      top.pendingKey = undefined;
    }
    this.expect = Expect.CommaOrClose;
  }

  private openContainer(isArray: boolean, i: number): void {
    this.expectValue(i);
    const parent = this.stack[this.stack.length - 1];
    const key = parent !== undefined && !parent.isArray ? parent.pendingKey : undefined;
    const frame: Frame = {
      isArray,
      value: isArray ? [] : {},
      key,
      pendingKey: undefined,
      count: 0,
      streamed: isArray ? this.streamedAt(key) : undefined,
    };
    this.stack.push(frame);
    this.expect = isArray ? Expect.ValueOrClose : Expect.KeyOrClose;
  }

  /** The streamed array whose path is the current object path plus `key`, if any. */
  private streamedAt(key: string | undefined): StreamedArray | undefined {
    if (this.streamed.length === 0 || key === undefined) return undefined;
    for (const s of this.streamed) {
      if (s.path.length === 0 || s.path[s.path.length - 1] !== key) continue;
      // the path's keys must be the keys of the enclosing objects, all of them objects
      let k = s.path.length - 2;
      let ok = true;
      for (let f = this.stack.length - 1; f >= 1 && ok; f--) {
        const frame = this.stack[f]!;
        if (frame.isArray) ok = false;
        else if (k < 0 || frame.key !== s.path[k]) ok = false;
        else k--;
      }
      if (ok && k === -1 && (this.stack.length === 0 || !this.stack[0]!.isArray)) return s;
    }
    return undefined;
  }

  private closeContainer(isArray: boolean, i: number): void {
    const top = this.stack[this.stack.length - 1];
    const allowed = isArray
      ? this.expect === Expect.CommaOrClose || this.expect === Expect.ValueOrClose
      : this.expect === Expect.CommaOrClose || this.expect === Expect.KeyOrClose;
    if (top === undefined || top.isArray !== isArray || !allowed) {
      this.fail(`unexpected "${isArray ? ']' : '}'}"`, i);
    }
    this.stack.pop();
    this.expect = Expect.Value;
    this.putValue(top.value, this.offset + i);
  }
}

/** Parses a whole document given as chunks (tests; files use readJsonFile). */
export function parseJsonChunks(
  chunks: Iterable<Buffer | Uint8Array | string>,
  options: JsonReaderOptions = {},
): unknown {
  const reader = new JsonReader(options);
  for (const chunk of chunks) reader.write(chunk);
  return reader.end();
}

/** Progress of {@link readJsonFile}: bytes read of the file's size. */
export type ReadProgress = (bytesRead: number, totalBytes: number) => void;

/**
 * Reads and parses a JSON file in chunks of `chunkBytes` (default 1 MiB) with one reusable buffer:
 * memory holds the value being built and one chunk, never the file's text.
 */
export function readJsonFile(
  path: string,
  options: JsonReaderOptions & { onProgress?: ReadProgress; chunkBytes?: number } = {},
): unknown {
  const fd = openSync(path, 'r');
  try {
    const total = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(options.chunkBytes ?? 1 << 20);
    const reader = new JsonReader(options);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      reader.write(buffer.subarray(0, n));
      options.onProgress?.(reader.bytesRead, total);
    }
    return reader.end();
  } finally {
    closeSync(fd);
  }
}
