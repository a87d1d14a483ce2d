/**
 * Budgets of `mlgeo analyze`: `--max-seconds`, `--cell-budget` and `--max-memory`. They are
 * checked in the progress callbacks of every long phase (partition, complex and its sub-phases,
 * metric, report), so a run over budget stops at the next unit of work with one message naming
 * the phase and the size reached (exit code 3), never with a V8 heap abort. `--partial` then
 * writes what was finished, marked `partial` (report/schema.ts).
 */
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MlgeoError } from '@mlgeo/exact-arith';
import type { CliErrorCode } from './errors.js';
import type { Progress } from './progress.js';

/** Exit code of a run stopped by a budget (docs/errors.md). */
export const EXIT_BUDGET = 3;

/** Which budget ran out. */
export type BudgetKind = 'max-seconds' | 'max-memory' | 'max-cells';

/** A run stopped by a budget: the phase, the budget and the size reached (exit code 3). */
export class BudgetError extends MlgeoError<CliErrorCode> {
  constructor(
    readonly budget: BudgetKind,
    readonly phase: string,
    readonly limit: string,
    readonly reached: string,
    fix: string,
  ) {
    super('BUDGET', `stopped in phase "${phase}": ${reached}, over the budget ${limit}`, {
      field: budget === 'max-cells' ? '--cell-budget' : `--${budget}`,
      fix,
    });
    this.name = 'BudgetError';
  }
}

/** The budgets of one run; undefined means none. */
export interface Budgets {
  maxSeconds?: number;
  /** Stop when a phase holds more than this many cells. */
  maxCells?: number;
  /** Stop when V8's old generation stays above this many bytes in use (see {@link defaultMaxMemory}). */
  maxMemory?: number;
}

/** Fraction of V8's old-generation limit used as the default memory ceiling. */
export const DEFAULT_MEMORY_FRACTION = 0.85;

/** V8's young-generation reservation: three 16 MiB semi-spaces on 64-bit V8. */
const YOUNG_GENERATION_RESERVATION = 48 * 2 ** 20;

/**
 * V8's old-generation limit (`--max-old-space-size`): `heap_size_limit` also counts the young
 * generation's reservation (4,144 MiB = 4,096 + 48 by default on a 23 GB machine, 76 = 28 + 48
 * with --max-old-space-size=28), which a heap abort never reaches. No "half the limit" floor: for a
 * small heap it would put the ceiling above the old generation itself (38 MiB of 28 with
 * --max-old-space-size=28), and V8 aborts before the ceiling is ever reached.
 */
export function heapLimit(): number {
  const limit = getHeapStatistics().heap_size_limit;
  const old = limit - YOUNG_GENERATION_RESERVATION;
  return old > 0 ? old : limit;
}

/**
 * Bytes in use in the old generation (all spaces but the young generation's new space). V8 aborts
 * when the old generation is full; the young generation's garbage comes and goes with each
 * scavenge (0–16 MiB), so counting it makes the check fire or not by chance.
 */
export function oldGenerationUsed(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics())
    if (space.space_name !== 'new_space' && space.space_name !== 'new_large_object_space')
      used += space.space_used_size;
  return used;
}

/** The default memory ceiling: 85 % of V8's old-generation limit. */
export function defaultMaxMemory(): number {
  return Math.floor(heapLimit() * DEFAULT_MEMORY_FRACTION);
}

/** `1.5G`, `800M`, `512K`, `123456` (bytes) or `50%` of V8's heap limit, as bytes. */
export function parseMemory(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%|[kKmMgG]i?[bB]?|[bB])?\s*$/.exec(text);
  if (!m) return undefined;
  const x = Number(m[1]);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  if (unit === '%') {
    if (x <= 0 || x > 100) return undefined;
    return Math.floor((heapLimit() * x) / 100);
  }
  const scale = unit === 'k' ? 2 ** 10 : unit === 'm' ? 2 ** 20 : unit === 'g' ? 2 ** 30 : 1;
  const bytes = Math.floor(x * scale);
  return bytes > 0 ? bytes : undefined;
}

/** Bytes as "1.23 GiB" / "456 MiB". */
export function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30
    ? `${(bytes / 2 ** 30).toFixed(2)} GiB`
    : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

/** Phases whose `total` counts cells (the cell budget applies to them). */
const CELL_PHASES = /^(layer \d+|points|regions|trees|hyperplanes|cells|report)$/;

/** What the units of a phase are, for messages. */
function unitsOf(phase: string): string {
  if (CELL_PHASES.test(phase) || phase === 'faces' || phase === 'complex') return 'cells';
  if (phase === 'metric') return 'edges';
  if (phase === 'angles') return 'ridges';
  if (phase === 'simplices') return 'levels';
  return 'steps';
}

/** Fraction of the memory ceiling above which the heap is read on every progress update. */
const NEAR_CEILING = 0.9;

let fullCollection: (() => void) | null | undefined;

/**
 * V8's full collection, made callable without `node --expose-gc`: the flag is set at run time and
 * the `gc` function read from a fresh context (the pattern of Node's `v8.setFlagsFromString`
 * documentation). Undefined when the runtime refuses.
 */
export function forcedCollection(): (() => void) | undefined {
  if (fullCollection === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('typeof gc === "function" ? gc : null');
      fullCollection = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      fullCollection = null;
    }
  }
  return fullCollection ?? undefined;
}

/**
 * A progress sink that checks the budgets on every update, then forwards to `inner`. Time is read
 * on every call (cheap); the heap at most every 20 ms, or on every call once it is near the ceiling. When the old generation is above the
 * ceiling, a full collection decides: what it cannot free is live, and the run stops at once
 * (garbage above the ceiling never stops a run, and a fast-growing live set is caught before V8
 * aborts, which a wait for repeated readings was not). Collections forced this way take at most
 * half the run's time: the next one waits as long as the last one took. Without a forced
 * collection the heap must stay above the ceiling at three checks 200 ms apart in all. `note`
 * receives the finished phases' sizes for the message of a later stop.
 */
export class BudgetedProgress implements Progress {
  private readonly started = performance.now();
  private lastHeapCheck = 0;
  /** The last heap reading was above {@link NEAR_CEILING} of the ceiling. */
  private nearCeiling = false;
  private overSince: number | undefined;
  private overCount = 0;
  /** performance.now() before which no collection is forced (see the class comment). */
  private nextCollection = 0;
  /** The phase running now and its size, for the stop message and the partial report. */
  phase = 'read';
  done = 0;
  total = 0;

  constructor(
    private readonly inner: Progress,
    private budgets: Budgets,
    /** Whether --partial was given (the messages then do not suggest it). */
    private readonly partial = false,
  ) {}

  update(phase: string, done: number, total: number): void {
    this.phase = phase;
    this.done = done;
    this.total = total;
    this.check();
    this.inner.update(phase, done, total);
  }

  stop(): void {
    this.inner.stop();
  }

  /** Stops checking the budgets (a partial report is being written); progress is still drawn. */
  disarm(): void {
    this.budgets = {};
  }

  /** Seconds since the run started. */
  elapsed(): number {
    return (performance.now() - this.started) / 1000;
  }

  /** Where the run is: "2,311 of 4,412 cells" or "phase layer 2: 120 of 530". */
  reached(): string {
    const n = (x: number) => x.toLocaleString('en-US');
    return `${n(this.done)} of ${n(this.total)} ${unitsOf(this.phase)}`;
  }

  private partialHint(): string {
    return this.partial ? '' : ', or add --partial to write what was finished';
  }

  /** Throws a BudgetError when a budget has run out. */
  check(): void {
    const { maxSeconds, maxCells, maxMemory } = this.budgets;
    if (maxSeconds !== undefined && this.elapsed() > maxSeconds) {
      this.inner.stop();
      throw new BudgetError(
        'max-seconds',
        this.phase,
        `${maxSeconds} s`,
        `${this.reached()} after ${this.elapsed().toFixed(1)} s`,
        'raise --max-seconds, analyze fewer cells (--cells data)' + this.partialHint(),
      );
    }
    if (maxCells !== undefined && CELL_PHASES.test(this.phase) && this.total > maxCells) {
      this.inner.stop();
      throw new BudgetError(
        'max-cells',
        this.phase,
        `${maxCells.toLocaleString('en-US')} cells`,
        `${this.total.toLocaleString('en-US')} cells`,
        'raise --cell-budget, use --cells data' + this.partialHint(),
      );
    }
    if (maxMemory !== undefined) {
      const now = performance.now();
      // near the ceiling every update reads the heap: between readings 20 ms apart a fast-growing
      // live set could cross the margin left to V8's own limit (4 MiB of a 28 MiB heap) and abort
      if (now - this.lastHeapCheck < 20 && !this.nearCeiling) return;
      this.lastHeapCheck = now;
      let used = oldGenerationUsed();
      this.nearCeiling = used > NEAR_CEILING * maxMemory;
      if (used > maxMemory && now >= this.nextCollection) {
        const gc = forcedCollection();
        if (gc) {
          gc();
          const after = performance.now();
          this.nextCollection = after + (after - now);
          used = oldGenerationUsed();
          if (used > maxMemory) this.stopForMemory(maxMemory, used);
        }
      }
      if (used <= maxMemory) {
        this.overSince = undefined;
        this.overCount = 0;
        return;
      }
      this.overSince ??= now;
      this.overCount++;
      if (this.overCount >= 3 && now - this.overSince >= 200) this.stopForMemory(maxMemory, used);
    }
  }

  private stopForMemory(maxMemory: number, used: number): never {
    this.inner.stop();
    throw new BudgetError(
      'max-memory',
      this.phase,
      formatBytes(maxMemory),
      `${this.reached()} with ${formatBytes(used)} of heap in use`,
      'raise --max-memory (and node --max-old-space-size), use --cells data, --omit metric or --measures float' +
        this.partialHint(),
    );
  }
}
