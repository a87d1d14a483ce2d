/**
 * Progress bars on stderr (cli-progress) for long phases. Drawn only when stderr is a terminal and
 * --quiet / --json are not given; otherwise every call is a no-op, so piped output stays clean.
 */
import cliProgress from 'cli-progress';

/** A progress sink: `update` per unit of work, `stop` at the end of the run. */
export interface Progress {
  update(phase: string, done: number, total: number): void;
  stop(): void;
}

/** A progress sink that draws nothing. */
export const silentProgress: Progress = { update() {}, stop() {} };

/** Bars on process.stderr when `enabled`; phases with fewer than `minTotal` units are not drawn. */
export function createProgress(enabled: boolean, minTotal = 20): Progress {
  if (!enabled) return silentProgress;
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  return {
    update(phase, done, total) {
      if (total < minTotal) return;
      if (phase !== current) {
        bar?.stop();
        current = phase;
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: `${phase.padEnd(12)} [{bar}] {value}/{total} {duration_formatted} ETA {eta_formatted}`,
            etaBuffer: 50,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
        return;
      }
      bar?.setTotal(total);
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
      current = '';
    },
  };
}
