/**
 * `deno task runs [--root mlruns] [--experiment NAME] [--metrics a,b] [--params x,y] [--limit N]
 *   [--run ID]`
 *
 * Lists tracked runs (MLflow file-store layout, newest first) with their metrics as an aligned
 * table; --metrics/--params choose the columns (default: every metric), --experiment filters,
 * --run ID prints one run's params, metrics and tags in full. `mlflow ui --backend-store-uri
 * mlruns` browses the same folder where MLflow is installed.
 */
import { formatRunTable, listRuns, repoPath } from "../lib/ml/mod.ts";
import { parseTaskArgs, runTaskMain } from "../lib/io/mod.ts";

const USAGE =
  "usage: deno task runs [--root mlruns] [--experiment NAME] [--metrics test.rocAuc,...] [--params model,...] [--limit N] [--run ID]";

async function main(args: string[]): Promise<number> {
  const parsed = parseTaskArgs(args, {
    task: "runs",
    usage: USAGE,
    options: {
      root: { type: "string", default: "mlruns" },
      experiment: { type: "string" },
      metrics: { type: "string" },
      params: { type: "string" },
      limit: { type: "string", default: "50" },
      run: { type: "string" },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    console.error(`runs: --limit must be a positive integer: current value is "${values.limit}"`);
    return 2;
  }
  const root = repoPath(values.root);
  const runs = await listRuns(root, values.experiment);
  if (values.run !== undefined) {
    const run = runs.find((r) => r.runId === values.run || r.runId.startsWith(values.run!));
    if (run === undefined) {
      console.error(`runs: Cannot show run ${values.run} as no run in ${root} has that id`);
      return 1;
    }
    console.log(
      `run ${run.runId} (${run.runName}) in ${run.experimentName}: ${run.status}, started ${
        new Date(run.startTime).toISOString()
      }`,
    );
    for (
      const [title, obj] of [["params", run.params], ["metrics", run.metrics], [
        "tags",
        run.tags,
      ]] as const
    ) {
      console.log(`${title}:`);
      for (const [k, v] of Object.entries(obj).sort(([a], [b]) => a.localeCompare(b))) {
        console.log(`  ${k} = ${v}`);
      }
    }
    return 0;
  }
  if (runs.length === 0) {
    console.log(
      `no runs in ${root}${
        values.experiment ? ` for experiment ${values.experiment}` : ""
      }: deno task train records one`,
    );
    return 0;
  }
  const metrics = values.metrics?.split(",").map((s) => s.trim()).filter(Boolean) ??
    [
      "test.rocAuc",
      "test.prAuc",
      "test.recallAtPrecision90",
      "test.precision",
      "test.recall",
      "time.totalS",
    ];
  const params = values.params?.split(",").map((s) => s.trim()).filter(Boolean) ??
    ["model", "featureSet"];
  const shown = runs.slice(0, limit);
  const byExperiment = new Map<string, typeof shown>();
  for (const r of shown) {
    byExperiment.set(r.experimentName, [...(byExperiment.get(r.experimentName) ?? []), r]);
  }
  for (const [name, list] of byExperiment) {
    console.log(`experiment ${name} (${list.length} run${list.length > 1 ? "s" : ""})`);
    console.log(formatRunTable(list, metrics, params));
    console.log("");
  }
  if (runs.length > limit) console.log(`(${runs.length - limit} older runs not shown: --limit)`);
  return 0;
}

if (import.meta.main) await runTaskMain("runs", main);
