/**
 * `deno task pipeline [--table ID | --input PATH] [--out DIR] [--skip STAGE,...]` — the main job
 * (`./exohunter run`), end to end on the default data:
 *
 *   1. catalog    the KOI table (configs/catalogs.yaml defaultTable; ../shared/data offline, else
 *                 the cache, else the archive) → derived physics → rule-based categories →
 *                 CSV/JSON/Parquet reports and figures in <out>/catalog/
 *   2. model      the configured tabular classifier (configs/train.yaml: feature store, seeded
 *                 search, validation threshold) → models/<bundle>/, evaluated on the test stars
 *                 → eval/ (metrics.json, figures), tracked in mlruns/
 *   3. discovery  every star with a local light curve (lightcurves/manifest.csv): BLS search,
 *                 phase fold with the transit model, the model's probability, the period CNN
 *                 when trained (deno task cnn:train) → <out>/reports/<target>/
 *   4. run        the whole-run discovery report → <out>/reports/run/
 *
 * Prints what each stage found and its wall time. `--skip discovery` (or model, run) leaves a
 * stage out; a skipped stage's outputs from an earlier run are left untouched.
 */
import { join, relative } from "node:path";
import { loadCatalogRegistry } from "../lib/catalog/mod.ts";
import { type ClassificationRun, runClassification } from "../lib/classify/mod.ts";
import {
  buildCandidateReport,
  buildRunReport,
  findConfiguredBundle,
  isCnnAssessment,
  isLightCurveAnalysis,
  isMlAssessment,
  loadLightCurveManifest,
  loadReportConfig,
  runSourceFromClassification,
  writeReport,
} from "../lib/report/mod.ts";
import { formatRunReport, writeClassificationReports } from "../lib/report/mod.ts";
import { evaluateBundle, loadTrainConfig, TRAIN_CONFIG_PATH, trainBundle } from "../lib/ml/mod.ts";
import { parseTaskArgs, runTaskMain } from "../lib/io/mod.ts";

const STAGES = ["catalog", "model", "discovery", "run"] as const;
type Stage = typeof STAGES[number];

const USAGE = "usage: deno task pipeline [--table koi|koi2019|toi|k2|ps | --input PATH] " +
  `[--out DIR] [--skip ${STAGES.slice(1).join(",")}] [--train-config PATH]`;

function seconds(fromMs: number): string {
  return `${((performance.now() - fromMs) / 1000).toFixed(1)} s`;
}

/**
 * Parse `--skip a,b` into stage names.
 *
 * @param text Comma-separated stage names.
 * @returns The stages to skip.
 */
export function parseSkip(text: string | undefined): Set<Stage> {
  const skip = new Set<Stage>();
  for (const raw of (text ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    if (raw === "catalog") {
      throw new RangeError(
        "Cannot skip stage catalog as every later stage needs it: allowed values are model, discovery, run",
      );
    }
    if (!(STAGES as readonly string[]).includes(raw)) {
      throw new RangeError(
        `Cannot skip stage "${raw}" as it is not a stage: allowed values are model, discovery, run`,
      );
    }
    skip.add(raw as Stage);
  }
  return skip;
}

async function main(args: string[]): Promise<number> {
  const started = performance.now();
  const parsed = parseTaskArgs(args, {
    task: "pipeline",
    usage: USAGE,
    options: {
      table: { type: "string" },
      input: { type: "string" },
      out: { type: "string", default: "out/pipeline" },
      skip: { type: "string" },
      "train-config": { type: "string", default: TRAIN_CONFIG_PATH },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  let skip: Set<Stage>;
  try {
    skip = parseSkip(values.skip);
  } catch (error) {
    console.error(`pipeline: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const cwd = Deno.cwd();
  const timings: [string, string][] = [];
  const registry = loadCatalogRegistry();
  const source = values.input !== undefined
    ? { path: values.input }
    : { table: values.table ?? registry.defaultTable };

  // 1. catalog
  let t = performance.now();
  console.log("== 1/4 catalog → physics → categories → reports");
  const run: ClassificationRun = await runClassification(source, { registry });
  const files = await writeClassificationReports(run, join(values.out, "catalog"));
  console.log(formatRunReport(run, { files }));
  timings.push(["catalog", seconds(t)]);

  // 2. tabular model (the discovery stage asks this bundle, not merely the newest under models/,
  // which may be a notebook's reduced-config bundle)
  const trainConfig = loadTrainConfig(values["train-config"]);
  let bundleDir: string | null;
  if (!skip.has("model")) {
    t = performance.now();
    console.log("\n== 2/4 tabular classifier: feature store → train → evaluate on test stars");
    const trained = await trainBundle({
      config: trainConfig,
      configPath: values["train-config"],
      log: (m) => console.error(`  ${m}`),
    });
    const evaluated = await evaluateBundle({
      config: trainConfig,
      bundle: trained.bundleDir,
      log: (m) => console.error(`  ${m}`),
    });
    const m = evaluated.evaluation.report;
    console.log(
      `model ${trained.result.modelName} on ${trained.result.setName} (${trained.result.features.length} features) → ${
        relative(cwd, trained.bundleDir)
      }`,
    );
    console.log(
      `test stars: ROC-AUC ${m.rocAuc.toFixed(4)}, PR-AUC ${m.prAuc.toFixed(4)}, precision ${
        m.precision.toFixed(3)
      }, recall ${m.recall.toFixed(3)} at threshold ${m.threshold.toFixed(3)} → ${
        relative(cwd, evaluated.metricsPath)
      }`,
    );
    timings.push(["model", seconds(t)]);
    bundleDir = trained.bundleDir;
  } else {
    // trained earlier, or null: the reports fall back to the newest bundle, if any
    bundleDir = await findConfiguredBundle(trainConfig.modelsDir, trainConfig);
  }

  // 3. discovery reports for the stars with local light curves
  const loadedReportConfig = loadReportConfig();
  const reportConfig = bundleDir === null
    ? loadedReportConfig
    : { ...loadedReportConfig, ml: { ...loadedReportConfig.ml, bundle: bundleDir } };
  const runs = new Map<string, ClassificationRun>();
  if (values.input === undefined) runs.set(source.table!, run);
  if (!skip.has("discovery")) {
    t = performance.now();
    console.log("\n== 3/4 light curves: BLS search, fold, model probability, period CNN");
    const manifest = loadLightCurveManifest();
    const targets = manifest === null ? [] : uniqueTargets(manifest.signals);
    if (targets.length === 0) {
      console.log("no local light curves configured (configs/data.yaml localDirs): stage skipped");
    }
    for (const query of targets) {
      const report = await buildCandidateReport(query, {
        config: reportConfig,
        runs,
        command: `deno task report --candidate "${query}"`,
      });
      const written = await writeReport(
        report.document,
        join(values.out, "reports", report.slug),
        { kind: "discovery_report", ...report.manifest },
      );
      const lc = report.lightCurve;
      const bls = lc !== null && isLightCurveAnalysis(lc) && lc.bls?.best
        ? `BLS ${lc.bls.best.periodDays.toFixed(5)} d (${lc.bls.relation})`
        : "BLS -";
      const ml = report.ml !== null && isMlAssessment(report.ml)
        ? `P(confirmed) ${report.ml.probability.toFixed(3)}`
        : "model -";
      const cnn = report.cnn !== null && isCnnAssessment(report.cnn)
        ? `CNN ${report.cnn.top[0]?.refinedPeriodDays.toFixed(3) ?? "-"} d`
        : "CNN -";
      console.log(`${query.padEnd(12)} ${bls}; ${ml}; ${cnn} → ${relative(cwd, written.html)}`);
    }
    timings.push(["discovery", seconds(t)]);
  }

  // 4. the whole-run report
  if (!skip.has("run")) {
    t = performance.now();
    console.log("\n== 4/4 run report");
    const report = await buildRunReport(runSourceFromClassification(run), {
      config: reportConfig,
      command: "deno task pipeline",
    });
    const written = await writeReport(report.document, join(values.out, "reports", "run"), {
      kind: "discovery_run_report",
      ...report.manifest,
    });
    console.log(`${report.document.title} → ${relative(cwd, written.html)}`);
    timings.push(["run", seconds(t)]);
  }

  console.log(
    `\npipeline done in ${seconds(started)} (${timings.map(([s, d]) => `${s} ${d}`).join(", ")})`,
  );
  return 0;
}

/** One query per star: the first signal's planet name, else its KOI/TOI name. */
function uniqueTargets(signals: { target: string; signal: string; planetName: string | null }[]) {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of signals) {
    if (seen.has(s.target)) continue;
    seen.add(s.target);
    out.push(s.planetName ?? s.signal);
  }
  return out;
}

if (import.meta.main) await runTaskMain("pipeline", main);
