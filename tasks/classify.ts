/**
 * `deno task classify [--input PATH | --table ID] [--layout ID] [--out DIR]
 *   [--engine auto|small|large] [--thresholds PATH] [--physics PATH] [--albedo A]
 *   [--invalid-values label|error] [--png] [--no-figures]`
 *
 * Loads a catalog (a registered table: koi (default), koi2019, toi, k2, ps; or any CSV/Parquet
 * file, its layout detected or forced with --layout), derives the physics, classifies every
 * row and writes CSV/JSON/Parquet reports, figures and a manifest to --out (default
 * out/classify). Prints the mapping, the physics agreement, the category summary and the wall
 * time. Exits 1 with a one-line error on bad input.
 */
import { loadCatalogRegistry } from "../lib/catalog/mod.ts";
import { loadThresholds, runClassification } from "../lib/classify/mod.ts";
import { loadPhysicsConfig } from "../lib/physics/mod.ts";
import { formatRunReport, writeClassificationReports } from "../lib/report/mod.ts";
import { parseTaskArgs, runTaskMain } from "../lib/io/mod.ts";

const USAGE =
  "usage: deno task classify [--input PATH | --table koi|koi2019|toi|k2|ps] [--layout koi|toi|k2|ps|user] [--out DIR] [--engine auto|small|large] [--thresholds PATH] [--physics PATH] [--albedo A] [--invalid-values label|error] [--png] [--no-figures]";

async function main(args: string[]): Promise<number> {
  const started = performance.now();
  const parsed = parseTaskArgs(args, {
    task: "classify",
    usage: USAGE,
    options: {
      input: { type: "string" },
      table: { type: "string" },
      layout: { type: "string" },
      out: { type: "string", default: "out/classify" },
      engine: { type: "string" },
      thresholds: { type: "string" },
      physics: { type: "string" },
      albedo: { type: "string" },
      "invalid-values": { type: "string" },
      png: { type: "boolean", default: false },
      "no-figures": { type: "boolean", default: false },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  if (values.input !== undefined && values.table !== undefined) {
    console.error(`classify: give --input or --table, not both\n${USAGE}`);
    return 2;
  }
  const engine = values.engine;
  if (engine !== undefined && !["auto", "small", "large"].includes(engine)) {
    console.error(
      `classify: --engine must be one of auto, small, large: current value is "${engine}"`,
    );
    return 2;
  }
  const invalidValues = values["invalid-values"];
  if (invalidValues !== undefined && !["label", "error"].includes(invalidValues)) {
    console.error(
      `classify: --invalid-values must be one of label, error: current value is "${invalidValues}"`,
    );
    return 2;
  }
  const physics = loadPhysicsConfig(values.physics);
  if (values.albedo !== undefined) {
    const albedo = Number(values.albedo);
    if (!(albedo >= 0 && albedo <= 1)) {
      console.error(
        `classify: --albedo must be a number in [0, 1]: current value is "${values.albedo}"`,
      );
      return 2;
    }
    physics.albedo = albedo;
  }
  const registry = loadCatalogRegistry();
  const source = values.input !== undefined
    ? { path: values.input, ...(values.layout !== undefined ? { table: values.layout } : {}) }
    : { table: values.table ?? registry.defaultTable };
  const run = await runClassification(source, {
    registry,
    engine: engine as "auto" | "small" | "large" | undefined,
    invalidValues: invalidValues as "label" | "error" | undefined,
    thresholds: loadThresholds(values.thresholds),
    physics,
  });
  const files = await writeClassificationReports(run, values.out, {
    figures: !values["no-figures"],
    png: values.png,
  });
  console.log(formatRunReport(run, { files, wallMs: performance.now() - started }));
  return 0;
}

if (import.meta.main) await runTaskMain("classify", main);
