/**
 * `deno task predict --model models/NAME (--input FILE [--out FILE] | --row 'k=v,...' | --template FILE)`
 *
 * Predicts P(CONFIRMED) with a model bundle:
 * - `--input` a CSV or Parquet of KOIs (canonical catalog columns, NASA archive CSVs included;
 *   or a file already holding the model's feature columns). Writes --out (default
 *   out/predict/<input name>.predictions.csv; .parquet also works) with id, kepid, probability,
 *   predicted label at the bundle's threshold, plus a manifest listing ignored columns.
 * - `--row 'koi_period=9.49,koi_depth=616,...'` one KOI from the command line (empty value =
 *   missing); prints the probability and label.
 * - `--template FILE` writes a CSV header of the expected columns.
 * Bad input (unknown column in --row, missing column, non-numeric value, empty file, bundle from
 * another format version) exits 1 with a message naming the file, column, row and value.
 */
import { basename, extname, join, relative } from "node:path";
import {
  loadBundle,
  parseRowArgument,
  predictFile,
  predictRecords,
  writePredictions,
  writeTemplate,
} from "../lib/ml/mod.ts";
import { buildManifest, parseTaskArgs, runTaskMain, writeManifest } from "../lib/io/mod.ts";

const USAGE =
  "usage: deno task predict --model models/NAME (--input FILE.csv|FILE.parquet [--out FILE] | --row 'koi_period=9.49,...' | --template FILE.csv)";

async function main(args: string[]): Promise<number> {
  const parsed = parseTaskArgs(args, {
    task: "predict",
    usage: USAGE,
    options: {
      model: { type: "string" },
      input: { type: "string" },
      out: { type: "string" },
      row: { type: "string" },
      template: { type: "string" },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  if (values.model === undefined) {
    console.error(`predict: --model is required\n${USAGE}`);
    return 2;
  }
  const modes = [values.input, values.row, values.template].filter((v) => v !== undefined).length;
  if (modes !== 1) {
    console.error(`predict: give exactly one of --input, --row, --template\n${USAGE}`);
    return 2;
  }
  const bundle = await loadBundle(values.model);
  if (values.template !== undefined) {
    await writeTemplate(bundle, values.template);
    console.log(
      `wrote ${values.template}: ${bundle.inputColumns.length} input columns (plus optional ${bundle.featureSpecs.idColumn}, ${bundle.featureSpecs.groupColumn})`,
    );
    return 0;
  }
  if (values.row !== undefined) {
    const record = parseRowArgument(values.row, bundle);
    const [p] = predictRecords(bundle, [record]);
    const label = p! >= bundle.threshold
      ? bundle.featureSpecs.label.positive[0]
      : bundle.featureSpecs.label.negative[0];
    console.log(`probability_confirmed ${p!.toFixed(6)}`);
    console.log(`predicted_label       ${label} (threshold ${bundle.threshold.toFixed(4)})`);
    const missing = bundle.inputColumns.filter((c) =>
      record[c] === null || record[c] === undefined
    );
    if (missing.length > 0) console.log(`missing (imputed)     ${missing.join(", ")}`);
    return 0;
  }
  const input = values.input!;
  const t0 = performance.now();
  const result = await predictFile(bundle, input);
  const stem = basename(input, extname(input));
  const out = values.out ?? join("out", "predict", `${stem}.predictions.csv`);
  await writePredictions(out, result.frame);
  const positives = result.probability.reduce((a, p) => a + (p >= bundle.threshold ? 1 : 0), 0);
  const manifest = await buildManifest("predictions", {
    inputs: [input, join(bundle.dir, "model.json")],
    outputs: [out],
    config: { model: bundle.dir, threshold: bundle.threshold, mode: result.mode },
    rowCounts: { input: result.rows, output: result.frame.height, predictedConfirmed: positives },
    extra: { ignoredColumns: result.ignoredColumns },
  });
  await writeManifest(`${out}.manifest.json`, manifest);
  console.log(
    `predicted  ${result.rows} rows from ${input} (${result.mode} columns) in ${
      ((performance.now() - t0) / 1000).toFixed(2)
    } s: ${positives} above threshold ${bundle.threshold.toFixed(4)}`,
  );
  if (result.ignoredColumns.length > 0) {
    console.log(
      `ignored    ${result.ignoredColumns.length} columns not used by the model (${
        result.ignoredColumns.slice(0, 8).join(", ")
      }${result.ignoredColumns.length > 8 ? ", ..." : ""})`,
    );
  }
  console.log(
    `wrote      ${relative(Deno.cwd(), out)} and ${relative(Deno.cwd(), out)}.manifest.json`,
  );
  return 0;
}

if (import.meta.main) await runTaskMain("predict", main);
