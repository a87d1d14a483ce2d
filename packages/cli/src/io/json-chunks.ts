/**
 * A streaming JSON serializer: the text of `JSON.stringify(value, null, indent)`, byte for byte,
 * as a sequence of string chunks, so that no single string holds the whole document (V8 strings stop
 * at 2^29 − 24 characters; a 3-D report is larger). The walk is iterative (an explicit stack, no
 * recursion limit) and follows the serialization algorithm of ECMA-262 §25.5.2 (JSON.stringify):
 * `toJSON(key)` is called, boxed primitives are unwrapped, `undefined`/functions/symbols are skipped
 * in objects and written as `null` in arrays, non-finite numbers are `null`, BigInt and cycles throw
 * a TypeError. Strings and keys are quoted by JSON.stringify itself (same escapes).
 */

/** Options of {@link jsonChunks}. */
export interface JsonChunkOptions {
  /** Spaces per nesting level, as JSON.stringify's `space` (clamped to 0..10); default 0. */
  indent?: number;
  /** A chunk is yielded once it has at least this many characters; default 64 Ki. */
  chunkSize?: number;
  /**
   * Subtrees of about this many characters at most are written by one JSON.stringify call (fast);
   * larger ones are walked member by member. Default 32 Ki; 0 walks every container.
   */
  subtreeBudget?: number;
}

interface Frame {
  readonly value: object;
  readonly isArray: boolean;
  /** Own enumerable keys (objects) or the length read at the start (arrays). */
  readonly keys: readonly string[] | number;
  next: number;
  written: number;
  /** Indentation of the members' lines, and the line break + indentation before a member. */
  readonly indentation: string;
  readonly inner: string;
  /** Line break + indentation before the closing bracket. */
  readonly outer: string;
}

/** The value JSON.stringify serializes for a member `key` holding `raw`: after toJSON, unboxed. */
function prepare(key: string | number, raw: unknown): unknown {
  let value = raw;
  if ((typeof value === 'object' && value !== null) || typeof value === 'bigint') {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = toJSON.call(value, String(key));
  }
  if (typeof value === 'object' && value !== null) {
    if (value instanceof Number) value = Number(value);
    else if (value instanceof String) value = String(value);
    else if (value instanceof Boolean) value = Boolean.prototype.valueOf.call(value);
    else if (value instanceof BigInt) value = BigInt.prototype.valueOf.call(value);
  }
  return value;
}

/** Values JSON.stringify leaves out of objects (and writes as null in arrays). */
function isSkipped(value: unknown): boolean {
  const type = typeof value;
  return type === 'undefined' || type === 'function' || type === 'symbol';
}

/** Default text budget (characters, roughly) of a subtree written by one JSON.stringify call. */
const SMALL_SUBTREE = 1 << 15;

/**
 * Whether the subtree under `root` is small (about `budget` characters of JSON at most) and free of
 * toJSON methods and BigInts: then JSON.stringify writes it exactly as the walk would, in one fast
 * native call, and its text is short. A cycle exhausts the budget (the walk then reports it).
 * Values are read here and again by JSON.stringify: plain data is assumed (no side-effecting getters).
 */
function isSmallSubtree(root: object, budget: number): boolean {
  const pending: unknown[] = [root];
  let left = budget;
  while (pending.length > 0) {
    const value = pending.pop();
    left -= 4;
    switch (typeof value) {
      case 'string':
        left -= value.length;
        break;
      case 'bigint':
        return false;
      case 'object': {
        if (value === null) break;
        if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
        if (Array.isArray(value)) {
          if (value.length > left) return false;
          for (const element of value) pending.push(element);
        } else {
          const record = value as Record<string, unknown>;
          const keys = Object.keys(record);
          if (keys.length > left) return false;
          for (const key of keys) {
            left -= key.length;
            pending.push(record[key]);
          }
        }
        break;
      }
    }
    if (left < 0) return false;
  }
  return true;
}

function clampIndent(indent: number | undefined): string {
  const n = Math.min(10, Math.max(0, Math.floor(indent ?? 0)));
  return ' '.repeat(n);
}

/**
 * Yields the chunks of `JSON.stringify(value, null, indent)`; their concatenation is that string
 * exactly. Yields nothing where JSON.stringify returns `undefined` (an undefined or function value).
 */
export function* jsonChunks(
  value: unknown,
  options: JsonChunkOptions = {},
): Generator<string, void, undefined> {
  const gap = clampIndent(options.indent);
  const chunkSize = options.chunkSize ?? 1 << 16;
  const subtreeBudget = options.subtreeBudget ?? SMALL_SUBTREE;
  const colon = gap === '' ? ':' : ': ';
  const stack: Frame[] = [];
  const open = new Set<object>();
  // pieces of the next chunk (joined once: a string grown by += would be a deep rope)
  let parts: string[] = [];
  let size = 0;
  const put = (text: string): void => {
    parts.push(text);
    size += text.length;
  };

  /** Writes a prepared, not skipped value: a primitive in full, an object by its opening bracket. */
  const emit = (prepared: unknown, indentation: string): void => {
    switch (typeof prepared) {
      case 'string':
        put(JSON.stringify(prepared));
        return;
      case 'number':
        // Number::toString, as JSON.stringify; -0 is "0", non-finite numbers are null
        put(Number.isFinite(prepared) ? String(prepared) : 'null');
        return;
      case 'boolean':
        put(prepared ? 'true' : 'false');
        return;
      case 'bigint':
        throw new TypeError('Do not know how to serialize a BigInt');
    }
    if (prepared === null) {
      put('null');
      return;
    }
    const object = prepared as object;
    if (
      typeof (object as { toJSON?: unknown }).toJSON !== 'function' &&
      isSmallSubtree(object, subtreeBudget)
    ) {
      // one JSON.stringify call, re-indented to the depth here: in JSON text a line break is
      // always structure (inside strings it is escaped), so this is the same text
      const text = JSON.stringify(object, null, gap);
      put(gap === '' ? text : text.replaceAll('\n', '\n' + indentation));
      return;
    }
    if (open.has(object)) throw new TypeError('Converting circular structure to JSON');
    open.add(object);
    const isArray = Array.isArray(object);
    const inner = indentation + gap;
    stack.push({
      value: object,
      isArray,
      keys: isArray ? (object as unknown[]).length : Object.keys(object),
      next: 0,
      written: 0,
      indentation: inner,
      inner: gap === '' ? '' : '\n' + inner,
      outer: gap === '' ? '' : '\n' + indentation,
    });
    put(isArray ? '[' : '{');
  };

  const top = prepare('', value);
  if (isSkipped(top)) return;
  emit(top, '');
  while (stack.length > 0) {
    if (size >= chunkSize) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
    const frame = stack[stack.length - 1]!;
    const count = typeof frame.keys === 'number' ? frame.keys : frame.keys.length;
    if (frame.next >= count) {
      stack.pop();
      open.delete(frame.value);
      const close = frame.isArray ? ']' : '}';
      put(frame.written === 0 ? close : frame.outer + close);
      continue;
    }
    const i = frame.next++;
    if (frame.isArray) {
      const element = prepare(i, (frame.value as unknown[])[i]);
      put(frame.written++ === 0 ? frame.inner : ',' + frame.inner);
      if (isSkipped(element)) put('null');
      else emit(element, frame.indentation);
    } else {
      const key = (frame.keys as readonly string[])[i]!;
      const member = prepare(key, (frame.value as Record<string, unknown>)[key]);
      if (isSkipped(member)) continue;
      put((frame.written++ === 0 ? '' : ',') + frame.inner + JSON.stringify(key) + colon);
      emit(member, frame.indentation);
    }
  }
  if (size > 0) yield parts.join('');
}
