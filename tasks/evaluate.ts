/**
 * `deno task evaluate [--config PATH] [--model models/NAME] [--out DIR] [--no-candidates]
 *   [--compare] [--no-track]`
 *
 * Evaluates a model bundle (default: the configured one, models/<train.bundleName>) on the test
 * stars of its feature store and writes <evalDir>/metrics.json, figures (ROC, PR, confusion,
 * calibration, permutation importance, TreeSHAP summary and importance, candidate gains) and a
 * manifest; ranks the 2019 CANDIDATEs against the 2025 dispositions ("which candidates will be
 * confirmed"). With --compare it also trains every model of `compare` on every feature set and
 * table through the same protocol and writes comparison.json / comparison.md plus ROC and PR
 * overlays (minutes; each cell is tracked as a run).
 */
import { join, relative } from "node:path";
import {
  compareModels,
  comparisonMarkdown,
  type ComparisonRow,
  evaluateBundle,
  loadTrainConfig,
  prPlot,
  repoPath,
  rocPlot,
  type ScoredSeries,
  startRun,
  TRAIN_CONFIG_PATH,
  writeFigures,
} from "../lib/ml/mod.ts";
import { openFeatureStore } from "../lib/ml/workflow.ts";
import { parseTaskArgs, runTaskMain, writeFileAtomic } from "../lib/io/mod.ts";

const USAGE =
  "usage: deno task evaluate [--config configs/train.yaml] [--model models/NAME] [--out DIR] [--no-candidates] [--compare] [--no-track]";

async function main(args: string[]): Promise<number> {
  const parsed = parseTaskArgs(args, {
    task: "evaluate",
    usage: USAGE,
    options: {
      config: { type: "string", default: TRAIN_CONFIG_PATH },
      model: { type: "string" },
      out: { type: "string" },
      "no-candidates": { type: "boolean", default: false },
      compare: { type: "boolean", default: false },
      "no-track": { type: "boolean", default: false },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  const config = loadTrainConfig(values.config);
  const outDir = repoPath(values.out ?? config.evalDir);
  const log = (m: string) => console.error(m);
  const ev = await evaluateBundle({
    config,
    bundle: values.model,
    outDir,
    candidates: !values["no-candidates"],
    log,
  });
  const t = ev.evaluation.report;
  console.log(
    `model      ${ev.bundle.name} (${ev.bundle.pipeline.kind}, ${ev.bundle.featureSet}), threshold ${
      ev.bundle.threshold.toFixed(4)
    }`,
  );
  console.log(
    `test       n ${t.n} (${t.nPositive} CONFIRMED)  ROC-AUC ${t.rocAuc.toFixed(4)}  PR-AUC ${
      t.prAuc.toFixed(4)
    }  precision ${t.precision.toFixed(3)}  recall ${t.recall.toFixed(3)}  F1 ${
      t.f1.toFixed(3)
    }  accuracy ${t.accuracy.toFixed(3)}  Brier ${t.brier.toFixed(4)}  ECE ${
      t.expectedCalibrationError.toFixed(4)
    }`,
  );
  console.log(
    `           best recall at precision >= 0.90: ${t.recallAtPrecision90.recall.toFixed(3)}`,
  );
  const top = ev.evaluation.permutation.importances.slice(0, 5)
    .map((d) => `${d.feature} ${d.importanceMean.toFixed(4)}`).join(", ");
  console.log(`importance ${top} (ROC-AUC drop)`);
  if (ev.evaluation.shapImportance !== null) {
    console.log(
      `treeshap   ${
        ev.evaluation.shapImportance.slice(0, 5).map((d) =>
          `${d.feature} ${d.meanAbsShap.toFixed(3)}`
        ).join(", ")
      } (mean |SHAP|, ${ev.evaluation.shapSpace}); additivity error ${
        ev.evaluation.shapAdditivityError?.toExponential(1)
      }`,
    );
  }
  const c = ev.candidates;
  if (c !== null) {
    console.log(
      `candidates ${c.candidates} ${config.candidates.earlier} CANDIDATEs ranked (model trained on ${c.trainedOn} labelled KOIs): ${c.laterConfirmed} CONFIRMED, ${c.laterFalsePositive} FALSE POSITIVE, ${c.laterOther} unresolved in ${config.candidates.later}`,
    );
    console.log(
      `           ROC-AUC later-confirmed vs rest ${
        c.rocAuc.toFixed(4)
      }, vs later false positives ${
        Number.isNaN(c.rocAucConfirmedVsFalsePositive)
          ? "n/a (none)"
          : c.rocAucConfirmedVsFalsePositive.toFixed(4)
      }; ${
        c.lift.map((l) => `top ${l.k}: ${l.confirmed} confirmed, lift ${l.lift.toFixed(2)}`).join(
          "; ",
        )
      } (base rate ${c.baseRate.toFixed(3)})`,
    );
  }
  console.log(
    `wrote      ${relative(Deno.cwd(), ev.metricsPath)} and ${ev.figurePaths.length} figures`,
  );

  if (values.compare) {
    const store = await openFeatureStore(config.featureStore, log);
    const series: Record<string, ScoredSeries[]> = {};
    const track = !values["no-track"];
    const rows: ComparisonRow[] = await compareModels({
      config,
      specs: store.table.specs,
      splits: store.table.splits,
      tables: { [store.table.specs.input]: store.table },
      onProgress: log,
      onResult: async (row, result) => {
        const key = `${row.table}/${row.featureSet}`;
        (series[key] ??= []).push({ label: row.model, y: result.testY, scores: result.testProba });
        console.log(
          `${row.table.padEnd(8)} ${row.featureSet.padEnd(13)} ${row.model.padEnd(24)} ROC-AUC ${
            row.rocAuc.toFixed(4)
          }  recall@P>=0.9 ${row.recallAtPrecision90.toFixed(3)}  (${row.seconds.toFixed(1)} s)`,
        );
        if (track) {
          const run = await startRun(repoPath(config.trackingDir), `${config.experiment}-compare`, {
            runName: `${row.table}/${row.featureSet}/${row.model}`,
            tags: {
              "exohunter.task": "compare",
              "exohunter.table": row.table,
              "exohunter.featureSet": row.featureSet,
            },
          });
          await run.logParams({
            table: row.table,
            featureSet: row.featureSet,
            model: row.model,
            kind: row.kind,
            classWeight: row.classWeight,
          });
          await run.logMetrics({
            "test.rocAuc": row.rocAuc,
            "test.prAuc": row.prAuc,
            "test.recallAtPrecision90": row.recallAtPrecision90,
            "test.precision": row.precision,
            "test.recall": row.recall,
            "test.f1": row.f1,
            "test.accuracy": row.accuracy,
            "test.brier": row.brier,
            "time.totalS": row.seconds,
          });
          await run.end();
        }
      },
    });
    await writeFileAtomic(join(outDir, "comparison.json"), JSON.stringify(rows, null, 2) + "\n");
    await writeFileAtomic(join(outDir, "comparison.md"), comparisonMarkdown(rows));
    const figs: Record<string, ReturnType<typeof rocPlot>> = {};
    for (const [key, s] of Object.entries(series)) {
      const stem = key.replace("/", "_");
      figs[`compare_roc_${stem}`] = rocPlot(s, `ROC, ${key} (test stars)`);
      figs[`compare_pr_${stem}`] = prPlot(s, `Precision-recall, ${key} (test stars)`);
    }
    await writeFigures(join(outDir, "figures"), figs);
    console.log(comparisonMarkdown(rows));
    console.log(`wrote      ${relative(Deno.cwd(), join(outDir, "comparison.md"))}`);
  }
  return 0;
}

if (import.meta.main) await runTaskMain("evaluate", main);
