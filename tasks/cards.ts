/**
 * `deno task cards [--out-dir DIR] [--download] [--check]`
 *
 * Writes the documentation cards from real runs:
 * - data_card.md: every registered catalog table loaded, physics derived, rows classified (see
 *   lib/report/data_card.ts). Tables are read from local copies or the cache only, so the card is
 *   reproducible offline; --download lets missing tables be fetched first.
 * - model_card.md: the tabular classifier's bundle and evaluation (configs/train.yaml paths) and
 *   the period CNN's training manifest and evaluation (configs/cnn.yaml paths); see
 *   lib/report/model_card.ts. When those artifacts are absent (a fresh clone has trained
 *   nothing), the card is skipped with the commands that produce them, and the committed card
 *   is left as it is.
 *
 * --check writes nothing and exits 1 when a card on disk is out of date.
 *
 * To add a card, append a builder to CARDS below.
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import {
  catalogSpec,
  loadCatalogRegistry,
  loadSchemaMap,
  resolveCatalogFile,
  withSha256,
} from "../lib/catalog/mod.ts";
import { loadDataConfig, REPO_ROOT } from "../lib/data/mod.ts";
import { runClassification } from "../lib/classify/mod.ts";
import {
  buildDataCard,
  buildModelCard,
  type DataCardEntry,
  loadModelCardInputs,
  modelCardPaths,
} from "../lib/report/mod.ts";
import { configuredBundleName, loadTrainConfig } from "../lib/ml/mod.ts";
import { loadCnnConfig } from "../lib/cnn/mod.ts";
import { runTaskMain, writeFileAtomic } from "../lib/io/mod.ts";

/** Options every card builder receives. */
interface CardContext {
  /** Allow downloads of tables that are not on disk. */
  download: boolean;
}

/** A card: file name and a builder returning its markdown, or null with why it was skipped. */
interface CardBuilder {
  file: string;
  build: (context: CardContext) => Promise<string | { skipped: string }>;
}

async function dataCard(context: CardContext): Promise<string> {
  const registry = loadCatalogRegistry();
  const dataConfig = loadDataConfig();
  if (!context.download) dataConfig.offline = true;
  const entries: DataCardEntry[] = [];
  for (const table of Object.keys(registry.tables)) {
    const spec = catalogSpec(registry, table);
    try {
      const file = await withSha256(await resolveCatalogFile(table, { registry, dataConfig }));
      const run = await runClassification({ table }, { registry, dataConfig });
      entries.push({ table, spec, run, sha256: file.sha256, unavailable: null });
      console.error(`cards: ${table}: ${run.frame.height} rows classified`);
    } catch (error) {
      const message = (error as Error).message;
      if (!message.startsWith("Cannot find catalog table")) throw error;
      entries.push({
        table,
        spec,
        run: null,
        sha256: null,
        unavailable:
          `no local copy or cached download when the card was built (run \`deno task fetch --table ${table}\`, then \`deno task cards\`)`,
      });
      console.error(`cards: ${table}: not available (${message})`);
    }
  }
  return buildDataCard(entries, { schemaMap: loadSchemaMap() });
}

async function modelCard(): Promise<string | { skipped: string }> {
  const train = loadTrainConfig();
  const cnn = loadCnnConfig();
  const paths = modelCardPaths(
    REPO_ROOT,
    join(train.modelsDir, configuredBundleName(train)),
    train.evalDir,
    cnn.paths.model,
    cnn.paths.eval,
  );
  const loaded = await loadModelCardInputs(paths);
  if (loaded.inputs === null) {
    return {
      skipped: `missing ${loaded.missing.join(", ")}; run deno task features, train, ` +
        "evaluate --compare, cnn:dataset, cnn:train and cnn:evaluate first",
    };
  }
  return buildModelCard(loaded.inputs);
}

/**
 * Format markdown the way `deno fmt` (with the repository's deno.json) would, so a generated
 * card passes the gate's `deno fmt --check` as written.
 */
async function formatMarkdown(text: string): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--config", join(REPO_ROOT, "deno.json"), "--ext", "md", "-"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(text));
  await writer.close();
  const out = await child.output();
  if (!out.success) {
    throw new Error(
      `Cannot format the card as deno fmt failed: ${new TextDecoder().decode(out.stderr)}`,
    );
  }
  return new TextDecoder().decode(out.stdout);
}

/** The cards this task writes. */
const CARDS: CardBuilder[] = [
  { file: "data_card.md", build: dataCard },
  { file: "model_card.md", build: modelCard },
];

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      "out-dir": { type: "string", default: REPO_ROOT },
      download: { type: "boolean", default: false },
      check: { type: "boolean", default: false },
    },
  });
  let stale = 0;
  for (const card of CARDS) {
    const path = join(values["out-dir"], card.file);
    const built = await card.build({ download: values.download });
    if (typeof built !== "string") {
      console.error(`cards: ${card.file} skipped: ${built.skipped}`);
      continue;
    }
    const text = await formatMarkdown(built);
    if (values.check) {
      const current = await Deno.readTextFile(path).catch(() => null);
      if (current !== text) {
        stale += 1;
        console.error(`cards: ${path} is out of date: run deno task cards`);
      } else {
        console.log(`cards: ${path} is up to date`);
      }
      continue;
    }
    await writeFileAtomic(path, text);
    console.log(`cards: wrote ${path} (${text.length} characters)`);
  }
  return stale > 0 ? 1 : 0;
}

if (import.meta.main) await runTaskMain("cards", main);
