/**
 * `deno task baselines [--config PATH] [--set NAME] [--out DIR] [--neighbors K] [--top F]
 *   [--no-rules]`
 *
 * Anomaly baselines: isolation forest and local outlier factor scores for every KOI of the
 * configured feature store (feature vectors imputed, standardised, clipped at 5 sigma), compared
 * with the NASA dispositions and with the rule-based anomalous_signal category of lib/classify
 * (run on the same catalog). Writes <evalDir>/baselines/anomaly_scores.parquet (one row per KOI),
 * report.json, box-plot figures and a manifest; prints the summary tables.
 */
import { join, relative } from "node:path";
import pl from "nodejs-polars";
import {
  anomalyBaselines,
  type GroupSummary,
  loadTrainConfig,
  repoPath,
  scoreByGroupPlot,
  TRAIN_CONFIG_PATH,
  writeFigures,
} from "../lib/ml/mod.ts";
import { openFeatureStore } from "../lib/ml/workflow.ts";
import { catalogSource } from "../lib/features/mod.ts";
import { runClassification } from "../lib/classify/mod.ts";
import { float64Series } from "../lib/catalog/mod.ts";
import {
  buildManifest,
  parseTaskArgs,
  runTaskMain,
  writeFileAtomic,
  writeManifest,
  writeViaTempPath,
} from "../lib/io/mod.ts";

const USAGE =
  "usage: deno task baselines [--config configs/train.yaml] [--set physical] [--out DIR] [--neighbors 20] [--top 0.01] [--no-rules]";

function table(rows: GroupSummary[], title: string): string {
  const lines = [
    `${title.padEnd(24)} ${
      "n".padStart(6)
    }  iso median  LOF median  share of top iso  share of top LOF  top-iso rate  top-LOF rate`,
  ];
  for (const r of rows) {
    lines.push(
      `${r.group.padEnd(24)} ${String(r.n).padStart(6)}  ${
        r.isolationMedian.toFixed(3).padStart(10)
      }  ${r.lofMedian.toFixed(3).padStart(10)}  ${
        (100 * r.shareOfTopIsolation).toFixed(1).padStart(15)
      }%  ${(100 * r.shareOfTopLof).toFixed(1).padStart(15)}%  ${
        (100 * r.topIsolationRate).toFixed(2).padStart(11)
      }%  ${(100 * r.topLofRate).toFixed(2).padStart(11)}%`,
    );
  }
  return lines.join("\n");
}

async function main(args: string[]): Promise<number> {
  const parsed = parseTaskArgs(args, {
    task: "baselines",
    usage: USAGE,
    options: {
      config: { type: "string", default: TRAIN_CONFIG_PATH },
      set: { type: "string", default: "physical" },
      out: { type: "string" },
      neighbors: { type: "string", default: "20" },
      top: { type: "string", default: "0.01" },
      "no-rules": { type: "boolean", default: false },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  const k = Number(values.neighbors), top = Number(values.top);
  if (!Number.isInteger(k) || k < 1) {
    console.error(
      `baselines: --neighbors must be a positive integer: current value is "${values.neighbors}"`,
    );
    return 2;
  }
  if (!(top > 0 && top < 1)) {
    console.error(
      `baselines: --top must be a fraction in (0, 1): current value is "${values.top}"`,
    );
    return 2;
  }
  const config = loadTrainConfig(values.config);
  const log = (m: string) => console.error(m);
  const store = await openFeatureStore(config.featureStore, log);
  const t0 = performance.now();
  let categories: (string | null)[] | undefined;
  if (!values["no-rules"]) {
    log(
      `classifying ${store.table.specs.input} with lib/classify for the anomalous_signal comparison`,
    );
    const run = await runClassification(catalogSource(store.table.specs.input));
    if (run.frame.height !== store.table.nRows) {
      throw new Error(
        `Cannot compare with rule categories as the classified table has ${run.frame.height} rows but the feature store has ${store.table.nRows}`,
      );
    }
    categories = run.classification.category;
  }
  const result = anomalyBaselines(store.table, {
    featureSet: values.set,
    nNeighbors: k,
    topFraction: top,
    categories,
  });
  const seconds = (performance.now() - t0) / 1000;
  const outDir = repoPath(values.out ?? join(config.evalDir, "baselines"));
  const scoresPath = join(outDir, "anomaly_scores.parquet");
  const frame = pl.DataFrame([
    pl.Series(store.table.specs.idColumn, store.table.ids, pl.Utf8),
    float64Series(store.table.specs.groupColumn, store.table.groups),
    pl.Series(store.table.specs.label.column, store.table.disposition, pl.Utf8),
    ...(categories ? [pl.Series("rule_category", categories, pl.Utf8)] : []),
    float64Series("isolation_forest_score", result.isolation),
    float64Series("lof", result.lof),
  ]);
  await writeViaTempPath(scoresPath, (tmp) => {
    frame.writeParquet(tmp);
  });
  const report = { ...result, ids: undefined, isolation: undefined, lof: undefined, seconds };
  const reportPath = join(outDir, "report.json");
  await writeFileAtomic(reportPath, JSON.stringify(report, null, 2) + "\n");
  const byDisp = store.table.disposition.map((d) => d ?? "(none)");
  const figures: Record<string, ReturnType<typeof scoreByGroupPlot>> = {
    isolation_by_disposition: scoreByGroupPlot(
      byDisp.map((g, i) => ({ group: g, score: result.isolation[i]! })),
      { title: "Isolation-forest score by NASA disposition", label: "anomaly score s(x)" },
    ),
    lof_by_disposition: scoreByGroupPlot(
      byDisp.map((g, i) => ({ group: g, score: Math.log10(result.lof[i]!) })),
      { title: "Local outlier factor by NASA disposition", label: "log10 LOF" },
    ),
  };
  if (categories) {
    figures.isolation_by_rule_category = scoreByGroupPlot(
      categories.map((g, i) => ({ group: g ?? "(none)", score: result.isolation[i]! })),
      { title: "Isolation-forest score by rule-based category", label: "anomaly score s(x)" },
    );
  }
  const figurePaths = await writeFigures(join(outDir, "figures"), figures);
  const manifest = await buildManifest("anomaly_baselines", {
    inputs: [join(store.dir, "features.parquet")],
    outputs: [scoresPath, reportPath, ...figurePaths],
    config: {
      featureSet: values.set,
      nNeighbors: k,
      topFraction: top,
      isolationForest: { nEstimators: 200, maxSamples: 256, seed: 0 },
    },
    seed: 0,
    rowCounts: { input: store.table.nRows, output: frame.height },
  });
  await writeManifest(join(outDir, "manifest.json"), manifest);

  console.log(
    `anomaly scores for ${store.table.nRows} KOIs on ${values.set} (${result.features.length} features) in ${
      seconds.toFixed(1)
    } s; top ${(100 * top).toFixed(1)}% = ${result.topCount} KOIs`,
  );
  console.log(table(result.byDisposition, "NASA disposition"));
  console.log(
    `ROC-AUC of the score for FALSE POSITIVE vs CONFIRMED: isolation forest ${
      result.aucFalsePositiveVsConfirmed.isolation.toFixed(3)
    }, LOF ${result.aucFalsePositiveVsConfirmed.lof.toFixed(3)} (0.5 = unrelated)`,
  );
  if (result.rules !== null) {
    console.log("");
    console.log(table(result.rules.byCategory, "rule-based category"));
    const a = result.rules.aucAnomalousSignalVsRest;
    console.log(
      `ROC-AUC of the score for anomalous_signal (${result.rules.anomalousSignalCount} KOIs) vs the rest: ${
        a === null ? "n/a" : `isolation forest ${a.isolation.toFixed(3)}, LOF ${a.lof.toFixed(3)}`
      }`,
    );
  }
  console.log(
    `Spearman correlation isolation forest vs LOF: ${result.spearmanIsolationLof.toFixed(3)}`,
  );
  console.log(
    `wrote ${relative(Deno.cwd(), scoresPath)}, ${
      relative(Deno.cwd(), reportPath)
    } and ${figurePaths.length} figures`,
  );
  return 0;
}

if (import.meta.main) await runTaskMain("baselines", main);
