/**
 * `deno task train [--config PATH] [--model NAME] [--set NAME] [--name BUNDLE] [--no-search]
 *   [--no-track]`
 *
 * Trains the configured model (configs/train.yaml `train`, or --model/--set) with the honest
 * protocol: optional grouped-CV search on train + validation stars, class weights and the decision
 * threshold chosen on validation stars, final fit on train + validation, one score on the test
 * stars. Writes the bundle to models/<name>/ (model.json, metadata.json, README.md,
 * manifest.json), records an MLflow-layout run under mlruns/, and prints the metrics. Builds the
 * feature store first when it is missing.
 */
import { relative } from "node:path";
import { loadTrainConfig, TRAIN_CONFIG_PATH, trainBundle } from "../lib/ml/mod.ts";
import { parseTaskArgs, runTaskMain } from "../lib/io/mod.ts";

const USAGE =
  "usage: deno task train [--config configs/train.yaml] [--model NAME] [--set physical|physical_err|vetting|...] [--name BUNDLE] [--no-search] [--no-track]";

async function main(args: string[]): Promise<number> {
  const parsed = parseTaskArgs(args, {
    task: "train",
    usage: USAGE,
    options: {
      config: { type: "string", default: TRAIN_CONFIG_PATH },
      model: { type: "string" },
      set: { type: "string" },
      name: { type: "string" },
      "no-search": { type: "boolean", default: false },
      "no-track": { type: "boolean", default: false },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  const config = loadTrainConfig(values.config);
  const { result, bundleDir, runId } = await trainBundle({
    config,
    configPath: values.config,
    model: values.model,
    featureSet: values.set,
    name: values.name,
    search: values["no-search"] ? false : undefined,
    track: !values["no-track"],
    log: (m) => console.error(m),
  });
  const t = result.test, v = result.validation;
  console.log(
    `model      ${result.modelName} (${result.kind}) on ${result.setName}: ${result.features.length} features`,
  );
  console.log(
    `rows       train ${result.rowCounts.train}, validation ${result.rowCounts.validation}, test ${result.rowCounts.test}`,
  );
  if (result.search !== null) {
    console.log(
      `search     ${result.search.trials.length} candidates, ${result.search.folds}-fold grouped CV ROC-AUC ${
        result.search.best.mean.toFixed(4)
      } ± ${result.search.best.std.toFixed(4)}: ${JSON.stringify(result.search.best.params)}`,
    );
  }
  console.log(
    `imbalance  ${
      Object.entries(result.imbalanceScores).map(([k, s]) => `${k} ${s.toFixed(4)}`).join(", ")
    } -> ${result.classWeight}`,
  );
  console.log(
    `threshold  ${
      result.threshold.toFixed(4)
    } (${result.thresholdRule.rule}; validation precision ${v.precision.toFixed(3)}, recall ${
      v.recall.toFixed(3)
    })`,
  );
  console.log(
    `test       ROC-AUC ${t.rocAuc.toFixed(4)}  PR-AUC ${t.prAuc.toFixed(4)}  accuracy ${
      t.accuracy.toFixed(3)
    }  precision ${t.precision.toFixed(3)}  recall ${t.recall.toFixed(3)}  F1 ${
      t.f1.toFixed(3)
    }  Brier ${t.brier.toFixed(4)}`,
  );
  console.log(
    `           best recall at precision >= 0.90 on the test curve: ${
      t.recallAtPrecision90.recall.toFixed(3)
    }`,
  );
  console.log(
    `           confusion TP ${t.confusion.tp}  FP ${t.confusion.fp}  TN ${t.confusion.tn}  FN ${t.confusion.fn}`,
  );
  console.log(`bundle     ${relative(Deno.cwd(), bundleDir)}${runId ? `  (run ${runId})` : ""}`);
  console.log(
    `time       ${result.timings.totalS.toFixed(1)} s (search ${
      result.timings.searchS.toFixed(1)
    } s, fits ${result.timings.fitS.toFixed(1)} s)`,
  );
  return 0;
}

if (import.meta.main) await runTaskMain("train", main);
