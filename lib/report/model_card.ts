/**
 * The model card (model_card.md): what the kit's two trained models are, what they were trained
 * on, how they were tuned and how well they do on held-out data, and where they fall short. Built
 * from the artifacts of the last real runs (bundle metadata, evaluation metrics, training
 * manifests), so every number in it is measured; `deno task cards` regenerates it.
 *
 * Sections:
 * - the tabular vetting classifier (`deno task train`, `deno task evaluate [--compare]`):
 *   `models/<bundle>/metadata.json`, `eval/metrics.json`, optionally `eval/comparison.json`;
 * - the period CNN (`deno task cnn:dataset`, `cnn:train`, `cnn:evaluate`):
 *   `models/period_cnn/manifest.json`, `eval/period_cnn/metrics.json`.
 *
 * Absolute paths and wall-clock dates in the artifacts are left out, so the card is the same for
 * the same artifacts on any machine.
 *
 * @module
 */
import { markdownTable } from "../ml/markdown_table.ts";
import { isAbsolute, join, relative } from "node:path";
import { REPO_ROOT } from "../data/data_config.ts";

/** A parsed JSON artifact and the file it came from (named in errors). */
export interface JsonArtifact {
  /** Path of the file, as given (used in messages only). */
  file: string;
  /** Parsed content. */
  value: unknown;
}

/** The tabular classifier's artifacts. */
export interface TabularCardInputs {
  /** `models/<bundle>/metadata.json`. */
  metadata: JsonArtifact;
  /** `eval/metrics.json` from `deno task evaluate` on that bundle. */
  evaluation: JsonArtifact;
  /** `eval/comparison.json` from `deno task evaluate --compare`, when run. */
  comparison: JsonArtifact | null;
}

/** The period CNN's artifacts. */
export interface PeriodCnnCardInputs {
  /** `models/period_cnn/manifest.json` from `deno task cnn:train`. */
  manifest: JsonArtifact;
  /** `eval/period_cnn/metrics.json` from `deno task cnn:evaluate`. */
  evaluation: JsonArtifact;
}

/** Everything the card is built from. */
export interface ModelCardInputs {
  tabular: TabularCardInputs;
  periodCnn: PeriodCnnCardInputs;
  /** Command that regenerates the card. @default "deno task cards" */
  command?: string;
}

/** Where the card's artifacts live, relative to a repository (or output) root. */
export interface ModelCardPaths {
  tabularMetadata: string;
  tabularEvaluation: string;
  tabularComparison: string;
  cnnManifest: string;
  cnnEvaluation: string;
}

/**
 * Default artifact paths under `root`, for the bundle named by configs/train.yaml (passed in) and
 * the period CNN paths of configs/cnn.yaml.
 *
 * @param root Repository root.
 * @param bundleDir Tabular bundle directory (absolute, or relative to `root`).
 * @param evalDir Tabular evaluation directory.
 * @param cnnModelDir Period-CNN model directory.
 * @param cnnEvalDir Period-CNN evaluation directory.
 * @returns The five artifact paths.
 */
export function modelCardPaths(
  root: string,
  bundleDir: string,
  evalDir: string,
  cnnModelDir: string,
  cnnEvalDir: string,
): ModelCardPaths {
  const at = (p: string) => (p.startsWith("/") ? p : join(root, p));
  return {
    tabularMetadata: join(at(bundleDir), "metadata.json"),
    tabularEvaluation: join(at(evalDir), "metrics.json"),
    tabularComparison: join(at(evalDir), "comparison.json"),
    cnnManifest: join(at(cnnModelDir), "manifest.json"),
    cnnEvaluation: join(at(cnnEvalDir), "metrics.json"),
  };
}

async function readJson(file: string): Promise<JsonArtifact> {
  const text = await Deno.readTextFile(file);
  try {
    return { file, value: JSON.parse(text) };
  } catch (error) {
    throw new Error(`Cannot read ${file} as JSON: ${(error as Error).message}`);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await Deno.stat(file)).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/**
 * Read the card's artifacts. Returns the list of missing files instead when any required one is
 * absent (a fresh clone has trained nothing yet); `comparison.json` is optional.
 *
 * @param paths Artifact paths ({@linkcode modelCardPaths}).
 * @returns The inputs, or the missing files.
 */
export async function loadModelCardInputs(
  paths: ModelCardPaths,
): Promise<{ inputs: ModelCardInputs; missing: [] } | { inputs: null; missing: string[] }> {
  const required = [
    paths.tabularMetadata,
    paths.tabularEvaluation,
    paths.cnnManifest,
    paths.cnnEvaluation,
  ];
  const missing: string[] = [];
  for (const file of required) if (!(await exists(file))) missing.push(file);
  if (missing.length > 0) return { inputs: null, missing };
  return {
    inputs: {
      tabular: {
        metadata: await readJson(paths.tabularMetadata),
        evaluation: await readJson(paths.tabularEvaluation),
        comparison: (await exists(paths.tabularComparison))
          ? await readJson(paths.tabularComparison)
          : null,
      },
      periodCnn: {
        manifest: await readJson(paths.cnnManifest),
        evaluation: await readJson(paths.cnnEvaluation),
      },
    },
    missing: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Typed access to untyped JSON: every missing or mistyped key is an error naming file and key.

type Json = unknown;

function at(artifact: JsonArtifact, path: string): Json {
  let node: Json = artifact.value;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || !(key in (node as object))) {
      throw new Error(`${artifact.file}: missing key "${path}" (at "${key}")`);
    }
    node = (node as Record<string, Json>)[key];
  }
  return node;
}

function num(artifact: JsonArtifact, path: string): number {
  const v = at(artifact, path);
  if (typeof v !== "number") {
    throw new Error(`${artifact.file}: key "${path}" should be a number, got ${JSON.stringify(v)}`);
  }
  return v;
}

function numOrNull(artifact: JsonArtifact, path: string): number | null {
  const v = at(artifact, path);
  if (v === null) return null;
  return num(artifact, path);
}

function str(artifact: JsonArtifact, path: string): string {
  const v = at(artifact, path);
  if (typeof v !== "string") {
    throw new Error(`${artifact.file}: key "${path}" should be a string, got ${JSON.stringify(v)}`);
  }
  return v;
}

function arr(artifact: JsonArtifact, path: string): Json[] {
  const v = at(artifact, path);
  if (!Array.isArray(v)) {
    throw new Error(`${artifact.file}: key "${path}" should be an array, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** An element of an array key, as an artifact of its own (so errors name the element). */
function item(artifact: JsonArtifact, path: string, index: number): JsonArtifact {
  return { file: `${artifact.file} ${path}[${index}]`, value: arr(artifact, path)[index] };
}

function items(artifact: JsonArtifact, path: string): JsonArtifact[] {
  return arr(artifact, path).map((_, i) => item(artifact, path, i));
}

// ---------------------------------------------------------------------------------------------
// Formatting.

const f3 = (x: number) => x.toFixed(3);
const f4 = (x: number) => x.toFixed(4);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const int = (x: number) => x.toLocaleString("en-US");

/** A Markdown table (cells escaped by markdownTable; `deno fmt` aligns it when the card is written). */
const table = (header: string[], rows: string[][]): string =>
  markdownTable(header, rows).markdown.trimEnd();

function paramValue(v: Json): string {
  if (typeof v === "number") return String(Number(v.toPrecision(4)));
  return JSON.stringify(v);
}

function versionsLine(artifact: JsonArtifact, path: string): string {
  const commit = str(artifact, `${path}.gitCommit`);
  const dirty = at(artifact, `${path}.gitDirty`) === true ? " (with uncommitted changes)" : "";
  return `kit ${str(artifact, `${path}.kitVersion`)} at commit \`${
    commit.slice(0, 12)
  }\`${dirty}, Deno ${str(artifact, `${path}.deno`)}`;
}

// ---------------------------------------------------------------------------------------------
// Tabular classifier.

/**
 * The tabular classifier's section of the card.
 *
 * @param inputs Bundle metadata, evaluation metrics and (optionally) the comparison grid.
 * @returns Markdown.
 */
export function tabularModelSection(inputs: TabularCardInputs): string {
  const md = inputs.metadata;
  const ev = inputs.evaluation;
  const name = str(md, "name");
  const positive = arr(md, "target.positive").join(", ");
  const negative = arr(md, "target.negative").join(", ");
  const features = items(md, "features");
  const used = features.filter((f) => at(f, "usedByModel") === true);
  const params = at(md, "model.pipeline.model.params") as Record<string, Json>;
  const rule = at(md, "thresholdRule");
  const test = (k: string) => num(ev, `test.${k}`);
  const inputsList = items(md, "data.featureStoreInputs").map((i) =>
    `\`${str(i, "name")}\` (sha256 \`${str(i, "sha256").slice(0, 16)}…\`)`
  );
  const out: string[] = [];
  out.push(`## Tabular vetting classifier: \`${name}\``);
  out.push(
    [
      `**What it does.** Scores a KOI-style catalog row (a transit signal with its fit and stellar`,
      `parameters) with the probability that it is a planet (${positive}) rather than a false`,
      `positive (${negative}), from the \`${
        str(md, "featureSet")
      }\` feature set. It ranks and vets candidates;`,
      `it does not confirm planets. Rows of the other dispositions are not used for training.`,
    ].join("\n"),
  );
  out.push(
    [
      `**Data.** Feature store \`${str(md, "data.featureStore")}\` built from ${
        inputsList.join(", ")
      }.`,
      `Split by star (configs/splits.yaml): test = stars with kepid % 5 = 0; validation = a seeded`,
      `hash of kepid. Rows: train ${int(num(md, "rowCounts.train"))}, validation ${
        int(num(md, "rowCounts.validation"))
      }, test ${int(num(md, "rowCounts.test"))}.`,
    ].join("\n"),
  );
  out.push(
    `**Features** (${used.length} used by the model): ${
      used.map((f) => `\`${str(f, "name")}\``).join(", ")
    }.`,
  );
  const paramRows = Object.keys(params).sort().map((k) => [k, paramValue(params[k])]);
  const search = at(md, "search");
  const tuned = search === null
    ? "configured in configs/train.yaml, no search"
    : `after a ${num(md, "search.folds")}-fold grouped cross-validated search`;
  out.push(
    [
      `**Model.** \`${str(md, "model.kind")}\`, class weight \`${
        paramValue(at(md, "classWeight"))
      }\`. Parameters (${tuned}):`,
      "",
      table(["parameter", "value"], paramRows),
    ].join("\n"),
  );
  // the rule's name, then its settings (`value` is the fixed rule's threshold, unused otherwise)
  const ruleText = typeof rule === "object" && rule !== null && "rule" in rule
    ? `${String((rule as Record<string, Json>).rule)} (${
      Object.entries(rule as Record<string, Json>)
        .filter(([k]) =>
          k !== "rule" && (k !== "value" || (rule as { rule: Json }).rule === "fixed")
        )
        .map(([k, v]) => `${k} ${paramValue(v)}`)
        .join(", ")
    })`
    : paramValue(rule);
  out.push(
    `**Decision threshold** ${
      f4(num(md, "threshold"))
    }, chosen on the validation rows only (rule: ${ruleText}).`,
  );
  const confusion = (k: string) => int(num(ev, `test.confusion.${k}`));
  out.push(
    [
      `### Held-out test set (${int(test("n"))} rows, ${int(test("nPositive"))} positive)`,
      "",
      table(["metric", "value"], [
        ["ROC-AUC", f4(test("rocAuc"))],
        ["PR-AUC", f4(test("prAuc"))],
        ["precision at the threshold", f3(test("precision"))],
        ["recall at the threshold", f3(test("recall"))],
        ["F1", f3(test("f1"))],
        ["accuracy", f3(test("accuracy"))],
        ["specificity", f3(test("specificity"))],
        [
          "best recall at precision ≥ 0.90",
          `${f3(num(ev, "test.recallAtPrecision90.recall"))} (threshold ${
            f4(num(ev, "test.recallAtPrecision90.threshold"))
          })`,
        ],
        ["Brier score", f4(test("brier"))],
        ["log loss", f4(test("logLoss"))],
        ["expected calibration error", f4(test("expectedCalibrationError"))],
      ]),
      "",
      `Confusion at the threshold: TP ${confusion("tp")}, FP ${confusion("fp")}, TN ${
        confusion("tn")
      }, FN ${confusion("fn")}.`,
    ].join("\n"),
  );
  const perm = items(ev, "permutationImportance.importances").slice(0, 8);
  const shap = items(ev, "shapImportance").slice(0, 8);
  const rows: string[][] = [];
  for (let i = 0; i < Math.max(perm.length, shap.length); i++) {
    const p = perm[i];
    const s = shap[i];
    rows.push([
      String(i + 1),
      p ? `\`${str(p, "feature")}\` ${f4(num(p, "importanceMean"))}` : "",
      s ? `\`${str(s, "feature")}\` ${f3(num(s, "meanAbsShap"))}` : "",
    ]);
  }
  out.push(
    [
      "### What drives it",
      "",
      `Permutation importance (drop in test ROC-AUC) and mean |SHAP| (exact TreeSHAP, ${
        str(ev, "shapSpace").replace("_", "-")
      } space; additivity error ${num(ev, "shapAdditivityError").toExponential(1)}):`,
      "",
      table(["rank", "permutation importance", "mean abs SHAP"], rows),
    ].join("\n"),
  );
  const c = (k: string) => num(ev, `candidates.${k}`);
  const lift = items(ev, "candidates.lift").map((l) =>
    `top ${int(num(l, "k"))}: ${int(num(l, "confirmed"))} confirmed (lift ${
      num(l, "lift").toFixed(2)
    })`
  );
  out.push(
    [
      "### Candidates that were later confirmed",
      "",
      `Trained on every labelled row of the 2019 table (${
        int(c("trainedOn"))
      }), the model scored its ${int(c("candidates"))} CANDIDATE rows;`,
      `${int(c("laterConfirmed"))} of them are CONFIRMED in the newer table (base rate ${
        pct(c("baseRate"))
      }).`,
      `Ranking them: ROC-AUC ${f3(c("rocAuc"))}, PR-AUC ${f3(c("prAuc"))}; ${lift.join("; ")}.`,
    ].join("\n"),
  );
  if (inputs.comparison !== null) out.push(comparisonSection(inputs.comparison));
  out.push(
    [
      "### Limitations",
      "",
      "- Trained on Kepler KOI vetting outputs; TESS or K2 rows lack several of the features and",
      "  are out of distribution.",
      "- The labels are the archive's dispositions, themselves the output of a vetting process;",
      "  the model learns to reproduce it, including its mistakes.",
      "- System-context features (multiplicity, nearest period ratio) use other rows of the same",
      "  table: scoring a lone row changes them.",
      "- Probabilities are calibrated on the held-out Kepler split only (see the calibration",
      "  figure of `deno task evaluate`).",
    ].join("\n"),
  );
  return out.join("\n\n");
}

function comparisonSection(comparison: JsonArtifact): string {
  const list = Array.isArray(comparison.value)
    ? comparison.value.map((value: Json, i: number) => ({
      file: `${comparison.file}[${i}]`,
      value,
    }))
    : [];
  if (list.length === 0) {
    throw new Error(`${comparison.file}: expected a non-empty array of comparison rows`);
  }
  // the best model per table and feature set, by test ROC-AUC
  const best = new Map<string, JsonArtifact>();
  for (const row of list) {
    const key = `${str(row, "table")}\u0000${str(row, "featureSet")}`;
    const current = best.get(key);
    if (current === undefined || num(row, "rocAuc") > num(current, "rocAuc")) best.set(key, row);
  }
  const keys = [...best.keys()].sort();
  return [
    "### Model comparison",
    "",
    `${list.length} models × feature sets × tables were trained with the configured parameters`,
    "(`deno task evaluate --compare`; full table in eval/comparison.md). Best per table and",
    "feature set, on each table's held-out test stars:",
    "",
    table(
      ["table", "feature set", "best model", "ROC-AUC", "precision", "recall", "recall @ P≥0.90"],
      keys.map((k) => {
        const r = best.get(k)!;
        return [
          str(r, "table"),
          str(r, "featureSet"),
          str(r, "model"),
          f4(num(r, "rocAuc")),
          f3(num(r, "precision")),
          f3(num(r, "recall")),
          f3(num(r, "recallAtPrecision90")),
        ];
      }),
    ),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Period CNN.

function accuracyCells(a: JsonArtifact, path: string): string[] {
  // an empty bin (count 0) has null accuracies
  const share = (k: string) => {
    const v = numOrNull(a, `${path}.${k}`);
    return v === null ? "–" : pct(v);
  };
  return [int(num(a, `${path}.count`)), share("top1"), share("top3"), share("top1Harmonic")];
}

/**
 * The period CNN's section of the card.
 *
 * @param inputs Training manifest and evaluation metrics.
 * @returns Markdown.
 */
export function periodCnnSection(inputs: PeriodCnnCardInputs): string {
  const mf = inputs.manifest;
  const ev = inputs.evaluation;
  const grid = (k: string) => at(mf, `config.periods.${k}`);
  const input = (k: string) => num(mf, `config.input.${k}`);
  const out: string[] = [];
  out.push("## Period CNN: `period_cnn`");
  out.push(
    [
      `**What it does.** Reads a ${int(input("lengthPoints"))}-point window of a light curve (${
        input("cadenceMinutes")
      }-minute`,
      `bins, ${
        (input("lengthPoints") * input("cadenceMinutes") / 1440).toFixed(1)
      } days; detrended with a ${input("detrendWindowHours")}-hour running ${
        str(mf, "config.input.detrendMethod")
      }) and outputs a`,
      `distribution over ${grid("bins")} ${grid("spacing")}-spaced period bins from ${
        grid("minDays")
      } to ${grid("maxDays")} days, plus`,
      "the probability that the window holds a transit at all. It proposes periods to fold and",
      "verify (BLS refines them); it does not vet signals.",
    ].join("\n"),
  );
  const rc = (k: string) => num(mf, `rowCounts.${k}`);
  const arch = at(mf, "extra.architecture.conv") as Json[];
  const convText = arch.map((_, i) => {
    const layer = item(mf, "extra.architecture.conv", i);
    return `${num(layer, "filters")}×${num(layer, "kernelSize")} (pool ${num(layer, "pool")})`;
  }).join(" → ");
  const dense = (at(mf, "extra.architecture.dense") as Json[]).join(", ");
  // the periodicity branch (lib/cnn/periodicity.ts), absent from models trained before it
  const periodicity = (mf.value as { extra?: { architecture?: Record<string, Json> } }).extra
    ?.architecture?.periodicity;
  const periodicityText = periodicity === undefined || periodicity === null ? "" : (() => {
    const p = "extra.architecture.periodicity";
    const convs = items(mf, `${p}.conv`).map((l) => `${num(l, "filters")}×${num(l, "kernelSize")}`)
      .join(" → ");
    return [
      ` A second input holds periodicity features on the period-bin axis: for dip boxes of ${
        (arr(mf, `${p}.boxBins`) as number[]).join(", ")
      } bins`,
      `(soft threshold ${num(mf, `${p}.thresholdSigma`)} σ), the autocorrelation of the dip`,
      `series summed over up to ${num(mf, `${p}.maxHarmonics`)} harmonics of each trial period;`,
      `a conv stack over the bins (${convs}) feeds the dense head${
        at(mf, `${p}.binLogits`) === true ? " and adds one logit per period bin" : ""
      }.`,
    ].join("\n");
  })();
  const backend = str(mf, "extra.backend.backend");
  out.push(
    [
      `**Data.** ${int(rc("datasetSamples"))} windows (\`deno task cnn:dataset\`, seed ${
        num(mf, "seed")
      }): synthetic stars`,
      "with 1–3 injected limb-darkened transits, synthetic stars without, injections into real",
      "Kepler/TESS light curves and the real light curves themselves (held-out stars kept out of",
      `training). Trained on ${int(rc("trainSamples"))}, early-stopped on ${
        int(rc("validationSamples"))
      }.`,
    ].join("\n"),
  );
  const history = items(mf, "extra.history");
  const meanRate = num(mf, "extra.meanSamplesPerSecond");
  const stop = at(mf, "extra.stoppedByTime") === true
    ? "stopped by the wall-time budget"
    : at(mf, "extra.stoppedEarly") === true
    ? "early-stopped"
    : "ran every epoch";
  out.push(
    [
      `**Model.** 1D CNN, conv ${convText}, dense ${dense}, dropout ${
        num(mf, "extra.architecture.dropout")
      }; ${int(num(mf, "extra.parameters"))}`,
      `parameters. Loss: cross-entropy against the target period distribution plus ${
        num(mf, "extra.architecture.detectionLossWeight")
      } × the`,
      `detection loss. Trained with TensorFlow.js ${
        str(mf, "extra.backend.tfjsVersion")
      } on the \`${backend}\` backend: ${history.length} epochs`,
      `(${stop}; best epoch ${num(mf, "extra.bestEpoch")}) in ${
        (num(mf, "extra.trainingSeconds") / 60).toFixed(1)
      } minutes, ${meanRate.toFixed(0)} samples/s.${periodicityText}`,
    ].join("\n"),
  );
  const syn = "sets.synthetic_test";
  out.push(
    [
      `### Held-out synthetic windows (${int(num(ev, `${syn}.windows`))}: ${
        int(num(ev, `${syn}.positives`))
      } with a detectable transit, ${int(num(ev, `${syn}.negatives`))} without)`,
      "",
      "A period is right within one bin of a true planet's bin; “harmonic” counts a top bin at 1/2,",
      "2, 1/3 or 3 times a true period separately (those are not counted as right).",
      "",
      table(["signals", "count", "top-1", "top-3", "top-1 harmonic"], [
        ["all", ...accuracyCells(ev, `${syn}.cnn.accuracy`)],
        ["SNR ≥ 10", ...accuracyCells(ev, `${syn}.cnn.accuracySnr10`)],
      ]),
      "",
      `Detection ROC-AUC (transit vs none): ${f4(num(ev, `${syn}.cnn.auc`))} over all, ${
        f4(num(ev, `${syn}.cnn.aucSnr10`))
      } with SNR ≥ 10.`,
    ].join("\n"),
  );
  const sens = items(ev, `${syn}.cnn.sensitivity`).map((b) => {
    const hi = numOrNull(b, "snrMax");
    return [
      hi === null ? `≥ ${num(b, "snrMin")}` : `${num(b, "snrMin")}–${hi}`,
      ...accuracyCells(b, "accuracy"),
    ];
  });
  out.push(
    [
      "Sensitivity (top-1 against the injected SNR):",
      "",
      table(["SNR", "count", "top-1", "top-3", "top-1 harmonic"], sens),
    ].join("\n"),
  );
  const sub = `${syn}.subset`;
  const subRow = (label: string, key: string) => {
    const base = `${sub}.${key}`;
    const share = (k: string) => {
      const v = numOrNull(ev, `${base}.${k}`);
      return v === null ? "–" : pct(v);
    };
    return [
      label,
      share("accuracy.top1"),
      share("accuracySnr10.top1"),
      share("accuracySnr10.top3"),
    ];
  };
  out.push(
    [
      `### CNN against BLS on the same ${int(num(ev, `${sub}.windows`))} windows`,
      "",
      "BLS searches the same preprocessed windows; the combined mode lets BLS refine around the",
      "CNN's best bins.",
      "",
      table(["method", "top-1 (all)", "top-1 (SNR ≥ 10)", "top-3 (SNR ≥ 10)"], [
        subRow("CNN", "cnn"),
        subRow("BLS", "bls"),
        subRow("combined", "combined"),
      ]),
    ].join("\n"),
  );
  const stars = items(ev, "realByStar").map((s) => {
    const bls = numOrNull(s, "blsTop1");
    const combined = numOrNull(s, "combinedTop1");
    const cnn = numOrNull(s, "cnnTop1");
    return [
      str(s, "source"),
      at(s, "inTraining") === true ? "yes" : "no (held out)",
      arr(s, "signals").length === 0 ? "none" : (arr(s, "signals") as string[]).join(", "),
      int(num(s, "windows")),
      cnn === null ? "–" : pct(cnn),
      bls === null ? "–" : pct(bls),
      combined === null ? "–" : pct(combined),
    ];
  });
  out.push(
    [
      "### Real light curves (top-1 per window with a known signal)",
      "",
      table(
        ["star", "in training", "signals", "windows", "CNN", "BLS", "combined"],
        stars,
      ),
    ].join("\n"),
  );
  const top1 = num(ev, "targets.syntheticSnr10Top1");
  const auc = num(ev, "targets.syntheticSnr10Auc");
  const minutes = num(mf, "extra.trainingSeconds") / 60;
  const met = (ok: boolean) => (ok ? "met" : "**not met**");
  out.push(
    [
      "### Against the issue's targets",
      "",
      table(["target", "measured", ""], [
        ["top-1 ≥ 90 % at SNR ≥ 10 (synthetic)", pct(top1), met(top1 >= 0.9)],
        ["detection ROC-AUC ≥ 0.98 at SNR ≥ 10", f4(auc), met(auc >= 0.98)],
        ["training ≥ 50 samples/s", meanRate.toFixed(0), met(meanRate >= 50)],
        [
          "full training < 30 minutes (training loop)",
          `${minutes.toFixed(1)} min`,
          met(minutes < 30),
        ],
      ]),
      "",
      "Inference speed is measured by `deno task bench:cnn` (not part of the artifacts).",
    ].join("\n"),
  );
  out.push(
    [
      "### Limitations",
      "",
      "- Trained mostly on synthetic stars: real systematics (momentum dumps, quarter jumps,",
      "  scattered light) are only represented by the few shared real light curves.",
      "- A window of about 85 days: periods near 40 days have two transits at most, and a planet",
      "  with fewer transits in the window is not in the target.",
      "- Eclipsing binaries count as signals (the CNN finds periodic dips; the tabular classifier",
      "  vets them).",
    ].join("\n"),
  );
  return out.join("\n\n");
}

/**
 * The whole model card.
 *
 * @param inputs Both models' artifacts.
 * @returns Markdown (run it through `deno fmt` to match the repository's formatting).
 */
export function buildModelCard(inputs: ModelCardInputs): string {
  const command = inputs.command ?? "deno task cards";
  const sources = [
    inputs.tabular.metadata,
    inputs.tabular.evaluation,
    ...(inputs.tabular.comparison ? [inputs.tabular.comparison] : []),
    inputs.periodCnn.manifest,
    inputs.periodCnn.evaluation,
  ].map((a) => `\`${shortPath(a.file)}\``);
  return [
    "# Model card",
    [
      `Generated by \`${command}\` from the artifacts of the last runs (${
        sources.join(", ")
      }); do not edit by hand. Tabular model trained with ${
        versionsLine(inputs.tabular.metadata, "versions")
      }; period CNN with ${versionsLine(inputs.periodCnn.manifest, "versions")}.`,
    ].join("\n"),
    "Reproduce: `deno task features && deno task train && deno task evaluate --compare` for the tabular model; `deno task cnn:dataset && deno task cnn:train && deno task cnn:evaluate` for the period CNN. Both are seeded: the same inputs and configs give the same artifacts.",
    tabularModelSection(inputs.tabular),
    periodCnnSection(inputs.periodCnn),
    "",
  ].join("\n\n");
}

/** A path as the card shows it: relative to the repository when absolute. */
function shortPath(file: string): string {
  return isAbsolute(file) ? relative(REPO_ROOT, file) : file;
}
