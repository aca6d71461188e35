/**
 * `deno task labels <queue|add|review> [options]` — the labeling workflow (configs/labeling.yaml).
 *
 * - `queue [--size N] [--out FILE.csv]`: the prioritised review queue (model uncertainty,
 *   anomaly score, disagreement between the NASA disposition and the model, no NASA label yet),
 *   skipping KOIs that already have a human annotation; printed, and written as CSV with --out.
 * - `add --id K00752.01 --label CONFIRMED [--source human|heuristic|nasa_disposition]
 *   [--annotator NAME] [--note TEXT]`: appends one annotation to the append-only file
 *   (labels/annotations.jsonl), recording the model probability shown.
 * - `review [--conflicts]`: every annotated KOI with its latest human label, NASA disposition,
 *   heuristic (rule-based) label and model probability; --conflicts keeps disagreements only.
 *
 * Common: `--config configs/labeling.yaml`.
 */
import { relative } from "node:path";
import {
  anomalyMatrix,
  appendAnnotation,
  buildQueue,
  heuristicLabel,
  IsolationForest,
  LABEL_SOURCES,
  LABELING_CONFIG_PATH,
  type LabelSource,
  loadBundle,
  loadLabelingConfig,
  readAnnotations,
  repoPath,
  reviewListing,
} from "../lib/ml/mod.ts";
import { catalogSource, featureMatrix } from "../lib/features/mod.ts";
import { openFeatureStore } from "../lib/ml/workflow.ts";
import { runClassification } from "../lib/classify/mod.ts";
import { parseTaskArgs, runTaskMain, writeFileAtomic } from "../lib/io/mod.ts";

const USAGE = `usage: deno task labels queue [--size N] [--out FILE.csv] [--config PATH]
       deno task labels add --id KOI --label LABEL [--source human|heuristic|nasa_disposition] [--annotator NAME] [--note TEXT]
       deno task labels review [--conflicts]`;

async function context(configPath: string, log: (m: string) => void) {
  const config = loadLabelingConfig(configPath);
  const store = await openFeatureStore(config.featureStore, log);
  const table = store.table;
  const bundle = await loadBundle(repoPath(config.model));
  const probability = bundle.pipeline.predictProba(featureMatrix(table, bundle.features));
  const run = await runClassification(catalogSource(table.specs.input));
  const heuristic = run.classification.category.map((c) => heuristicLabel(c));
  const index = new Map(table.ids.map((id, i) => [id, i]));
  return { config, table, bundle, probability, heuristic, index };
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const parsed = parseTaskArgs(rest, {
    task: "labels",
    usage: USAGE,
    options: {
      config: { type: "string", default: LABELING_CONFIG_PATH },
      size: { type: "string" },
      out: { type: "string" },
      id: { type: "string" },
      label: { type: "string" },
      source: { type: "string", default: "human" },
      annotator: { type: "string", default: Deno.env.get("USER") ?? "" },
      note: { type: "string", default: "" },
      conflicts: { type: "boolean", default: false },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  if (command === undefined || command === "--help" || command === "-h") {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  const log = (m: string) => console.error(m);
  if (command === "queue") {
    const ctx = await context(values.config, log);
    const config = values.size !== undefined
      ? { ...ctx.config, queueSize: Number(values.size) }
      : ctx.config;
    if (!Number.isInteger(config.queueSize) || config.queueSize < 1) {
      console.error(`labels: --size must be a positive integer: current value is "${values.size}"`);
      return 2;
    }
    const set = ctx.table.sets[config.anomalyFeatureSet];
    if (set === undefined) {
      throw new RangeError(
        `Cannot build queue as feature set "${config.anomalyFeatureSet}" is not in the store`,
      );
    }
    const x = anomalyMatrix(ctx.table, set.features);
    const anomaly = new IsolationForest({ seed: 0 }).fit(x).score(x);
    const annotations = await readAnnotations(repoPath(config.annotationsFile));
    const queue = buildQueue(
      {
        ids: ctx.table.ids,
        probability: ctx.probability,
        anomaly,
        nasaLabel: ctx.table.label,
        nasaDisposition: ctx.table.disposition,
        heuristic: ctx.heuristic,
      },
      config,
      annotations,
    );
    console.log(`rank  id          priority  P(conf)  NASA             heuristic        why`);
    for (const q of queue) {
      console.log(
        `${String(q.rank).padStart(4)}  ${q.id.padEnd(10)}  ${q.priority.toFixed(3).padStart(8)}  ${
          q.probability.toFixed(3).padStart(7)
        }  ${(q.nasaDisposition ?? "").padEnd(15)}  ${(q.heuristic ?? "").padEnd(15)}  ${q.why}`,
      );
    }
    if (values.out !== undefined) {
      const csv = [
        "rank,kepoi_name,priority,probability_confirmed,uncertainty,anomaly_rank,disagreement,nasa_disposition,heuristic,why",
      ];
      for (const q of queue) {
        csv.push(
          [
            q.rank,
            q.id,
            q.priority,
            q.probability,
            q.uncertainty,
            q.anomalyRank,
            q.disagreement,
            q.nasaDisposition ?? "",
            q.heuristic ?? "",
            `"${q.why}"`,
          ].join(","),
        );
      }
      await writeFileAtomic(values.out, csv.join("\n") + "\n");
      console.log(`wrote ${values.out}`);
    }
    console.log(
      `(${
        annotations.filter((a) => a.source === "human").length
      } human annotations in ${config.annotationsFile}${config.skipAnnotated ? ", skipped" : ""})`,
    );
    return 0;
  }
  if (command === "add") {
    if (values.id === undefined || values.label === undefined) {
      console.error(`labels: add needs --id and --label\n${USAGE}`);
      return 2;
    }
    if (!(LABEL_SOURCES as readonly string[]).includes(values.source)) {
      console.error(
        `labels: --source must be one of ${
          LABEL_SOURCES.join(", ")
        }: current value is "${values.source}"`,
      );
      return 2;
    }
    const config = loadLabelingConfig(values.config);
    const store = await openFeatureStore(config.featureStore, log);
    const row = store.table.ids.indexOf(values.id);
    if (row < 0) {
      throw new RangeError(
        `Cannot add annotation as KOI "${values.id}" is not in feature store ${config.featureStore}`,
      );
    }
    let probability: number | null = null;
    try {
      const bundle = await loadBundle(repoPath(config.model));
      probability = bundle.pipeline.predictProba(
        featureMatrix(store.table, bundle.features, [row]),
      )[0]!;
    } catch { /* no model yet: the annotation is still recorded */ }
    const stored = await appendAnnotation(repoPath(config.annotationsFile), {
      id: values.id,
      label: values.label,
      source: values.source as LabelSource,
      annotator: values.annotator,
      note: values.note,
      model: probability === null ? null : config.model,
      modelProbability: probability,
    }, config);
    console.log(
      `appended to ${relative(Deno.cwd(), repoPath(config.annotationsFile))}: ${
        JSON.stringify(stored)
      }`,
    );
    return 0;
  }
  if (command === "review") {
    const ctx = await context(values.config, log);
    const annotations = await readAnnotations(repoPath(ctx.config.annotationsFile));
    let entries = reviewListing(annotations, (id) => {
      const i = ctx.index.get(id);
      return i === undefined ? { nasa: null, heuristic: null, model: null } : {
        nasa: ctx.table.disposition[i] ?? null,
        heuristic: ctx.heuristic[i] ?? null,
        model: ctx.probability[i]!,
      };
    });
    if (values.conflicts) entries = entries.filter((e) => e.conflict);
    if (entries.length === 0) {
      console.log(
        `no ${
          values.conflicts ? "conflicting " : ""
        }annotations in ${ctx.config.annotationsFile}: add one with deno task labels add --id K00752.01 --label CONFIRMED`,
      );
      return 0;
    }
    console.log(
      `id          human            by          NASA             heuristic        P(conf)  conflict  n`,
    );
    for (const e of entries) {
      console.log(
        `${e.id.padEnd(10)}  ${(e.human?.label ?? "").padEnd(15)}  ${
          (e.human?.annotator ?? "").padEnd(10)
        }  ${(e.nasa ?? "").padEnd(15)}  ${(e.heuristic ?? "").padEnd(15)}  ${
          e.model === null ? "   n/a " : e.model.toFixed(3).padStart(7)
        }  ${e.conflict ? "yes" : "no "}       ${e.humanCount}`,
      );
    }
    return 0;
  }
  console.error(`labels: unknown command "${command}": use queue, add or review\n${USAGE}`);
  return 2;
}

if (import.meta.main) await runTaskMain("labels", main);
