/**
 * The `mlgeo` command line (commander 14): `analyze` and `verify`. `runCli` never calls
 * process.exit; it returns the exit code (0 ok, 1 bad input or failed check, 2 usage error) so tests
 * can run it in-process and `bin.ts` as a real process.
 */
import { Command, CommanderError, Option } from 'commander';
import { runAnalyze, type AnalyzeOptions } from './analyze.js';
import { EXIT_INPUT, EXIT_USAGE, UsageError, exitCodeOf, formatErrorLine } from './errors.js';
import { registerTrackCommand } from './track.js';
import { runVerify, type VerifyOptions } from './verify/command.js';
import { runMerge, type MergeOptions } from './shard/merge.js';
import { TOOL_VERSION } from './version.js';

/** Where the CLI writes; the real process passes process.stdout/stderr. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress bars are drawn only then). */
  stderrIsTTY: boolean;
  /** Directory relative paths are resolved against. */
  cwd: string;
}

const MERGE_EXAMPLES = `
Examples:
  $ mlgeo analyze model.onnx --data points.csv --cells data --geometry lp --float \\
      --no-timing --shard 0/2 --out shard-0.json
  $ mlgeo analyze model.onnx --data points.csv --cells data --geometry lp --float \\
      --no-timing --shard 1/2 --out shard-1.json
  $ mlgeo merge shard-0.json shard-1.json --out all.json

Every shard locates all points and computes the whole facet adjacency; the per-cell values (facets,
balls, ridges, margins, slopes) are split. With --no-timing the merged report has the bytes of the
unsharded run's report. docs/sharding.md runs the shards as a Slurm job array or a Kubernetes
Indexed Job.
`;

const ANALYZE_EXAMPLES = `
Examples:
  $ mlgeo analyze packages/cli/examples/moons-mlp.json --data packages/cli/examples/moons.csv \\
      --out out/report.json --svg out/partition.svg
  $ mlgeo analyze packages/cli/examples/moons-mlp.json --data packages/cli/examples/moons.csv \\
      --png out/partition.png --graph --angles
  $ mlgeo analyze tree.json --domain box:-1,1 --length unit --json > report.json
  $ mlgeo analyze model.onnx --data points.csv --cells data --float
  $ mlgeo analyze tree.json --out a.json --no-timing --quiet && \\
      mlgeo analyze tree.json --out b.json --no-timing --quiet && cmp a.json b.json
  $ mlgeo analyze fashion.onnx --data fashion-test.csv --slice rows:0,1,2 --float \\
      --svg out/slice.svg --out out/slice.json
  $ mlgeo analyze model.onnx --slice "0,0,0,0;1,0,0,0;0,1,1,0" --svg out/slice.svg

Pictures: --svg and --png draw the same picture (cells by class, the decision boundary thick and
black over thin light cell boundaries — --boundaries decision|cells draws one of them — and the
data points); --graph adds the adjacency graph on the cell centres and --angles the dihedral
angles with their values in degrees (--angles 30: only the angles below 30°).
  $ mlgeo analyze model.onnx --data points.csv --domain data --png fig.png --angles 30 \
      --class-names setosa,versicolor,virginica --feature-names "petal length,petal width"

Curvature (SPEC §8, needs --data): --curvature ollivier|forman, on the hop metric by default;
--curvature-length centroid|density, --laziness α (default 1/2) and --walk-weights unit change
the metric and the walk (the LP tier: unit lengths, M_1 from --face-weight unit|mass).
  $ mlgeo analyze model.json --data points.csv --curvature ollivier --laziness 1/4 --svg k.svg

Output files (--out, --svg, --png) are written atomically: to a temporary file beside the target, then
renamed over it, so an interrupted run (Ctrl-C) leaves the previous file intact. Reports are
streamed to disk, so their size is not limited by the longest JavaScript string. The only part of
a report that varies between runs of the same command is its "timing" block; --no-timing leaves
it out.

Laplacians (SPEC §7): --spectrum k adds the k smallest eigenpairs of Δ_0 and the Betti numbers;
--spline smooths one value per cell on the complex: "predictions" (the model's output; predictions:k
for output k), or a CSV with a header, either "cell,value" (a row per cell label) or coordinate
columns and "value" (a row per point, averaged per cell). --lambda fixes λ (default: GCV).
  $ mlgeo analyze model.json --length unit --spectrum 4 --spline values.csv --lambda 1
  $ mlgeo analyze model.json --data points.csv --spline predictions --spectrum 3 \
      --svg out/fiedler.svg --colour-by eigenvector:2

Slices (d > 2): --slice p0;p1;p2 restricts the model to the plane x(u, v) = p0 + u·(p1 − p0) +
v·(p2 − p0) and partitions the plane itself, exactly, without the d-dimensional partition (MLPs,
linear classifiers, Voronoi sites, arrangements; trees and forests draw the section of their full
partition). The report's cells, domain and data are then in plane coordinates (u, v) and its
"slice" block records p0, p1, p2 and the map. rows:i,j,k takes p0, p1, p2 from the rows of --data
(counted from 0, header not counted): three images, not 784 numbers. Data points within
--slice-tolerance of the plane (default 0) are projected onto it, counted and drawn.

Cells: --cells all enumerates every cell of the domain; --cells data builds only the cells that
hold data points (needs --data); --cells auto (default) enumerates all cells when no data is given
or when the model's cell-count bound is at most --max-cells (and d ≤ 20), and otherwise only
data-holding cells.

Budgets: --max-seconds, --cell-budget (cells in a phase; --max-cells keeps its --cells auto
meaning) and --max-memory (default 85% of the V8 heap limit) are checked as every long phase
advances; a run over budget stops with one line naming the phase and the size reached, exit code 3
(never a V8 heap abort). With --partial the report is still written, holding what was finished and
marked "partial". On a terminal each long phase has a bar with an ETA, and the work ahead (the
cell-count bound, the cells of the complex) is printed before it.

Report size: --measures float writes float-only numbers (same cells and combinatorics), --omit
metric,ridges,vertices leaves sections out (listed in the report's "omitted"; verify says what it
could not check), --cells-csv writes a per-cell summary for pandas.

Geometry: data-holding cells in d > 4 use the LP tier (--geometry lp; docs/math.md §3): certified
facets, Chebyshev balls, cell ridge angles, each point's distance to its cell's boundary and to the
decision boundary, slope norms and the facet adjacency with certificate points, by LP only, with the
volume-free data complex (M_0 = mass, unit lengths). --geometry vertices asks for exact vertices,
volumes and centroids in any d (exponential in d); --only cells stops at patterns, counts, H-reps and
adjacency.`;

const VERIFY_EXAMPLES = `
Examples:
  $ mlgeo verify out/report.json
  $ mlgeo verify out/report.json --model model.onnx --data points.csv
  $ mlgeo verify out/report.json --quiet && echo certified

Exit code 0 when every claim of the report is confirmed by recomputation from the cells' stored
H-representations and, with --model, from the model (labels, regions, output maps, predictions at
the exact centroids, sha256, format) and, with --data, the data points (each point's cell by the
SPEC §2 tie rule); 1 with the first failing claim named otherwise. Without --model (--data) the
claims left unchecked are listed.`;

function parsePositiveInteger(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      throw new UsageError(`${name} must be a positive integer, got "${value}"`, {
        field: name,
        fix: `write e.g. ${name} 2`,
      });
    }
    return Number(value);
  };
}

function parsePositiveNumber(name: string) {
  return (value: string): number => {
    const x = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || !(x > 0)) {
      throw new UsageError(`${name} must be a positive number, got "${value}"`, {
        field: name,
        fix: `write e.g. ${name} 60`,
      });
    }
    return x;
  };
}

interface PendingAction {
  run(): Promise<number>;
  debug: boolean;
}

/** Builds the commander program; the chosen command is stored in `pending` instead of run. */
function buildProgram(io: CliIo, pending: { action?: PendingAction }): Command {
  const program = new Command('mlgeo')
    .description('Exact geometry of machine-learning models: partitions, complexes, certificates.')
    .version(TOOL_VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(`mlgeo: ${s}`),
    })
    .exitOverride();
  program.addHelpText(
    'after',
    `
Examples:
  $ mlgeo analyze model.json --data points.csv --out report.json --svg partition.svg
  $ mlgeo verify report.json
  $ mlgeo track checkpoints/ --data points.csv --out track.json --svg track.svg

Run "mlgeo <command> --help" for the options of a command.`,
  );

  program
    .command('analyze')
    .description(
      "Partition a model's input space into exact cells and build its Riemannian complex.",
    )
    .argument(
      '<model>',
      'model file: mlgeo JSON, ONNX, tfjs model.json, scikit-learn tree JSON, ml-cart JSON',
    )
    .option('--data <points.csv>', 'data points (CSV or JSON) whose cells are counted and drawn')
    .option(
      '--domain <domain>',
      'box (unit box), box:lo,hi (same bounds on every axis), box:lo1,hi1,lo2,hi2,… (per axis), data or data:M (the data bounding box, each axis padded by M × its extent, default 0.05), or a .json/.ine file',
    )
    .addOption(new Option('--exact', 'exact rational arithmetic (default)').conflicts('float'))
    .addOption(
      new Option('--float', 'filtered float fast path: same cells, float measures').conflicts(
        'exact',
      ),
    )
    .addOption(
      new Option('--complex <kind>', 'adjacency complex or nerve')
        .choices(['adjacency', 'nerve'])
        .default('adjacency'),
    )
    .option(
      '--max-dim <k>',
      'largest simplex dimension of the complex (default: d)',
      parsePositiveInteger('--max-dim'),
    )
    .addOption(
      new Option('--length <kind>', 'edge length of M_1 (SPEC §4)')
        .choices(['centroid', 'unit', 'density'])
        .default('centroid'),
    )
    .option('--alpha <a>', 'exponent of the density length ℓ/ρ^a, 0 < a ≤ 1 (SPEC §4 β; default 1)')
    .addOption(
      new Option('--cells <which>', 'all cells, data-holding cells, or auto')
        .choices(['auto', 'all', 'data'])
        .default('auto'),
    )
    .option(
      '--max-cells <n>',
      'auto: enumerate all cells when the cell-count bound is at most n',
      parsePositiveInteger('--max-cells'),
      20000,
    )
    .option('--skip-outside', 'count data points outside the domain instead of failing')
    .option(
      '--label-column <name>',
      'the CSV column holding class labels (default: a column named label, class, target or species)',
    )
    .option(
      '--class-names <names>',
      'comma-separated class names, class 0 first: text labels map to these indices; the legend shows them',
    )
    .option(
      '--feature-names <names>',
      'comma-separated names of the inputs for the picture axes (default: the CSV header)',
    )
    .option(
      '--format <format>',
      'model format instead of detection (e.g. mlgeo-mlp, onnx, tfjs, sklearn-tree)',
    )
    .option('--out <report.json>', 'write the report here')
    .option('--svg <partition.svg>', 'draw the partition (2-D, or a 2-D slice with --slice)')
    .option('--png <partition.png>', 'the same picture as a PNG (rasterised with resvg)')
    .option(
      '--graph',
      'draw the adjacency graph on the cell centres (off: it clutters big partitions)',
    )
    .option(
      '--angles [below]',
      'mark the dihedral angles with their values in degrees (an arc inside each cell at each vertex); with a number, only the angles below it, e.g. --angles 30',
    )
    .addOption(
      new Option(
        '--boundaries <which>',
        'boundary lines in the picture: both (cell boundaries thin and light, the decision boundary thick and dark), decision, or cells',
      )
        .choices(['both', 'decision', 'cells'])
        .default('both'),
    )
    .option(
      '--slice <p0;p1;p2>',
      'd > 2: partition the plane through three points, e.g. "0,0,0;1,0,0;0,1,1", or three --data rows rows:12,40,7',
    )
    .option(
      '--slice-tolerance <distance>',
      'with --slice: data points within this distance of the plane are projected, counted and drawn (default 0: only points on it)',
    )
    .addOption(
      new Option(
        '--curvature <kind>',
        'curvature per edge and cell from the data (SPEC §8) in the report; colours the SVG',
      ).choices(['ollivier', 'forman']),
    )
    .addOption(
      new Option(
        '--curvature-length <kind>',
        'with --curvature: lengths of the metric d and of the walk weights M_1 — unit (hop metric, default), centroid, or density (β from --alpha); the LP tier has unit only',
      ).choices(['unit', 'centroid', 'density']),
    )
    .option(
      '--laziness <a>',
      'with --curvature ollivier: the lazy walk stays put with probability α in [0, 1] (exact rational; default 1/2)',
    )
    .addOption(
      new Option(
        '--walk-weights <w>',
        'with --curvature: walk weights w_ik = M_1 of the edge (metric, default) or 1 (unit)',
      ).choices(['metric', 'unit']),
    )
    .option(
      '--spectrum <k>',
      'the k smallest eigenpairs of Δ_0 (with residuals) and the Betti numbers in the report (SPEC §7)',
      parsePositiveInteger('--spectrum'),
    )
    .option(
      '--spline <values>',
      'simplicial spline of cell values (SPEC §7): a CSV ("cell,value" or "x,y,value") or predictions[:k]',
    )
    .option('--lambda <l>', 'smoothing λ ≥ 0 of --spline, exact (default: chosen by GCV)')
    .option('--spline-order <n>', 'roughness of --spline: 1 (gradient, default) or 2 (Laplacian)')
    .option(
      '--colour-by <what>',
      'colour the SVG’s cells by class (default), volume, count, slope, eigenvector:j (needs --spectrum) or spline (needs --spline), with a colour bar',
    )
    .addOption(
      new Option(
        '--measures <kind>',
        'exact values (SPEC §1 forms) or float-only numbers in the whole report; the cells are the same (default: float with --float)',
      ).choices(['exact', 'float']),
    )
    .option(
      '--omit <sections>',
      'leave sections out of the report: metric, ridges, vertices (comma-separated)',
    )
    .option(
      '--cells-csv <cells.csv>',
      'one row per cell: index, label, class, dataCount, volume, volumeKind, chebyshevRadius',
    )
    .option(
      '--max-seconds <n>',
      'stop (exit 3) when the run takes longer than n seconds',
      parsePositiveNumber('--max-seconds'),
    )
    .option(
      '--cell-budget <n>',
      'stop (exit 3) when a phase holds more than n cells (unlike --max-cells, which picks --cells auto)',
      parsePositiveInteger('--cell-budget'),
    )
    .option(
      '--max-memory <size>',
      'stop (exit 3) when the JavaScript heap stays above size: 1.5G, 800M, 60% of the heap limit, or off (default 85%)',
    )
    .option('--partial', 'when a budget stops the run, write what was finished, marked "partial"')
    .addOption(
      new Option(
        '--geometry <tier>',
        'vertices (exact vertices, volumes, centroids) or lp (data cells in any d by LP: facets, ' +
          'balls, ridge angles, margins, adjacency; no volumes); auto: lp for --cells data in d > 4',
      )
        .choices(['auto', 'vertices', 'lp'])
        .default('auto'),
    )
    .addOption(
      new Option(
        '--only <what>',
        'cells: patterns, counts, H-reps and adjacency, no measures (LP tier)',
      ).choices(['cells']),
    )
    .option(
      '--ridge-facets <k>',
      'LP tier: ridge angles among the k facets nearest the Chebyshev centre (default 12 in d > 3, all below)',
      parsePositiveInteger('--ridge-facets'),
    )
    .addOption(
      new Option(
        '--face-weight <w>',
        'LP tier: M_1 of the volume-free data complex (SPEC §4)',
      ).choices(['unit', 'mass']),
    )
    .option(
      '--lp <values>',
      'LP tier: which values, a comma list of chebyshev, facets, ridges, margins, slopes (default: ' +
        'these five; above 128 inputs margins, slopes) or point-ridges (ridge angles among the --ridge-facets unit hyperplanes nearest ' +
        'each data point, default 4, no LP; ReLU MLP, box, --float; not with chebyshev, facets, ridges)',
    )
    .option(
      '--shard <i/n>',
      'LP tier: compute shard i of n (cells ≡ i mod n, i from 0); join the shard reports with mlgeo merge',
    )
    .option(
      '--workers <n>',
      'LP tier: split the per-cell work over n worker threads (the report is the same)',
      parsePositiveInteger('--workers'),
    )
    .option('--json', 'write the report to stdout and nothing else')
    .option(
      '--no-timing',
      'leave out the timing block: the same run then writes byte-identical files',
    )
    .option('--quiet', 'no summary table and no progress bars')
    .option('--debug', 'print stack traces of errors')
    .addHelpText('after', ANALYZE_EXAMPLES)
    .action((model: string, options: Omit<AnalyzeOptions, 'model'>) => {
      pending.action = {
        debug: options.debug === true,
        run: () => runAnalyze({ ...options, model }, io),
      };
    });

  program
    .command('merge')
    .description(
      'Join the shard reports of an LP-tier run (mlgeo analyze --shard i/n) into the report of the unsharded run.',
    )
    .argument('<reports...>', 'every shard report of one run, in any order')
    .option('--out <report.json>', 'write the merged report here')
    .option('--json', 'write the merged report to stdout')
    .option('--quiet', 'print nothing on success')
    .option('--debug', 'print stack traces of errors')
    .addHelpText('after', MERGE_EXAMPLES)
    .action((reports: string[], options: Omit<MergeOptions, 'reports'> & { debug?: boolean }) => {
      pending.action = {
        debug: options.debug === true,
        run: () => runMerge({ ...options, reports }, io),
      };
    });

  program
    .command('verify')
    .description(
      'Re-check every claim of a report: from its stored H-representations and, with --model, the model.',
    )
    .argument('<report.json>', 'a report written by mlgeo analyze')
    .option('--model <model>', 'the model file the report was made from (any format analyze reads)')
    .option('--data <points.csv>', 'the data points the report counted (needs --model)')
    .option('--format <format>', 'model format instead of detection (as for analyze)')
    .option('--label-column <name>', 'the CSV label column, as given to analyze')
    .option('--quiet', 'print nothing on success')
    .option('--debug', 'print stack traces of errors')
    .addHelpText('after', VERIFY_EXAMPLES)
    .action((report: string, options: Omit<VerifyOptions, 'report'>) => {
      pending.action = {
        debug: options.debug === true,
        run: () => runVerify({ ...options, report }, io),
      };
    });
  registerTrackCommand(program, io, (action) => (pending.action = action));
  return program;
}

/** Runs the CLI on `argv` (without the node and script entries); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const pending: { action?: PendingAction } = {};
  const program = buildProgram(io, pending);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; everything else commander rejects is a usage error
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(formatErrorLine(error) + '\n');
      return EXIT_USAGE;
    }
    io.stderr(formatErrorLine(error) + '\n');
    return EXIT_INPUT;
  }
  if (!pending.action) return 0;
  try {
    return await pending.action.run();
  } catch (error) {
    io.stderr(formatErrorLine(error) + '\n');
    if (pending.action.debug && error instanceof Error && error.stack)
      io.stderr(error.stack + '\n');
    return exitCodeOf(error);
  }
}
