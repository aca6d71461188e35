/**
 * `deno task features [--input ID|PATH] [--version V] [--out DIR] [--specs PATH] [--splits PATH]
 *   [--engine auto|small|large] [--schema-map PATH] [--albedo A] [--log-level info|quiet]`
 *
 * Builds the feature store: reads the catalog (a registered table such as koi2019 (default, from
 * configs/feature_specs.yaml) or koi, or any CSV/Parquet file), derives the features of every set
 * in the specs, assigns star-grouped splits and writes <out>/<version>/features.parquet and
 * manifest.json (default feature_store/v1). Prints row counts per split and label. Same inputs
 * and config give the same bytes (the manifest time honours SOURCE_DATE_EPOCH).
 */
import { relative } from "node:path";
import { buildFeatureStore } from "../lib/features/mod.ts";
import { parseTaskArgs, runTaskMain } from "../lib/io/mod.ts";

const USAGE =
  "usage: deno task features [--input koi2019|koi|PATH] [--version V] [--out DIR] [--specs PATH] [--splits PATH] [--engine auto|small|large] [--schema-map PATH] [--albedo A] [--log-level info|quiet]";

async function main(args: string[]): Promise<number> {
  const parsed = parseTaskArgs(args, {
    task: "features",
    usage: USAGE,
    options: {
      input: { type: "string" },
      version: { type: "string" },
      out: { type: "string" },
      specs: { type: "string" },
      splits: { type: "string" },
      engine: { type: "string" },
      "schema-map": { type: "string" },
      albedo: { type: "string" },
      "log-level": { type: "string", default: "info" },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  const engine = values.engine;
  if (engine !== undefined && !["auto", "small", "large"].includes(engine)) {
    console.error(
      `features: --engine must be one of auto, small, large: current value is "${engine}"`,
    );
    return 2;
  }
  let albedo: number | undefined;
  if (values.albedo !== undefined) {
    albedo = Number(values.albedo);
    if (!(albedo >= 0 && albedo <= 1)) {
      console.error(
        `features: --albedo must be a number in [0, 1]: current value is "${values.albedo}"`,
      );
      return 2;
    }
  }
  const logLevel = values["log-level"];
  if (!["info", "quiet"].includes(logLevel)) {
    console.error(
      `features: --log-level must be one of info, quiet: current value is "${logLevel}"`,
    );
    return 2;
  }
  const t0 = performance.now();
  const result = await buildFeatureStore({
    input: values.input,
    version: values.version,
    outDir: values.out,
    specsPath: values.specs,
    splitsPath: values.splits,
    engine: engine as "auto" | "small" | "large" | undefined,
    schemaMapPath: values["schema-map"],
    albedo,
  });
  if (logLevel === "info") {
    const c = result.manifest.rowCounts;
    const sets = Object.entries(result.table.sets).map(([name, s]) =>
      `${name} (${s.features.length})`
    );
    console.log(`feature store ${relative(Deno.cwd(), result.dir) || "."}`);
    console.log(
      `  input     ${result.manifest.inputs[0]?.path} (sha256 ${
        result.manifest.inputs[0]?.sha256.slice(0, 12)
      }...)`,
    );
    console.log(`  rows      ${c.rows} (row count in = row count out)`);
    for (const split of ["train", "validation", "test"]) {
      console.log(
        `  ${split.padEnd(10)}${String(c[`${split}.rows`] ?? 0).padStart(6)} rows: ${
          c[`${split}.positive`] ?? 0
        } CONFIRMED, ${c[`${split}.negative`] ?? 0} FALSE POSITIVE, ${
          c[`${split}.unlabelled`] ?? 0
        } unlabelled`,
      );
    }
    console.log(
      `  labelled  train+validation ${c["train_validation.labelled"] ?? 0}, test ${
        c["test.labelled"] ?? 0
      }`,
    );
    console.log(`  sets      ${sets.join(", ")}`);
    console.log(
      `  wrote     ${result.parquetPath}, ${result.manifestPath} in ${
        ((performance.now() - t0) / 1000).toFixed(1)
      } s`,
    );
  }
  return 0;
}

if (import.meta.main) await runTaskMain("features", main);
