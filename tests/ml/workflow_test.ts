import assert from "node:assert/strict";
import { join } from "node:path";
import {
  compareModels,
  comparisonMarkdown,
  evaluateBundle,
  listRuns,
  loadTrainConfig,
  trainBundle,
} from "../../lib/ml/mod.ts";
import { buildFeatureStore } from "../../lib/features/mod.ts";
import { REPO_ROOT } from "../../lib/data/mod.ts";
import { tabularModelSection } from "../../lib/report/mod.ts";

Deno.test("features -> train -> evaluate end to end, every artifact in place", async () => {
  const tmp = await Deno.makeTempDir();
  const store = await buildFeatureStore({ outDir: join(tmp, "feature_store"), version: "t1" });
  const base = loadTrainConfig(join(REPO_ROOT, "configs", "train_ci.yaml"));
  const config = {
    ...base,
    featureStore: store.dir,
    modelsDir: join(tmp, "models"),
    trackingDir: join(tmp, "mlruns"),
    evalDir: join(tmp, "eval"),
    search: { ...base.search, enabled: false },
  };
  const trained = await trainBundle({ config });
  assert.equal(trained.bundleDir, join(tmp, "models", "hist_gradient_boosting_physical_ci"));
  const runs = await listRuns(join(tmp, "mlruns"));
  assert.equal(runs.length, 1);
  assert.equal(runs[0]!.runId, trained.runId);
  assert.equal(runs[0]!.metrics["test.rocAuc"], trained.result.test.rocAuc);
  assert.equal(runs[0]!.params.featureSet, "physical");
  const artifacts = join(
    tmp,
    "mlruns",
    runs[0]!.experimentId,
    runs[0]!.runId,
    "artifacts",
    "hist_gradient_boosting_physical_ci",
  );
  assert.ok((await Deno.stat(join(artifacts, "model.json"))).isFile);

  const ev = await evaluateBundle({ config, env: { SOURCE_DATE_EPOCH: "0" } });
  assert.equal(ev.evaluation.report.rocAuc, trained.result.test.rocAuc);
  assert.ok(ev.evaluation.shapAdditivityError! < 1e-9);
  const metrics = JSON.parse(await Deno.readTextFile(join(tmp, "eval", "metrics.json")));
  assert.equal(metrics.model, "hist_gradient_boosting_physical_ci");
  assert.equal(metrics.test.n, 1458);
  assert.equal(metrics.candidates.laterConfirmed, 445);
  assert.equal(metrics.candidates.ranked.length, 100);
  for (
    const name of [
      "roc",
      "pr",
      "confusion",
      "calibration",
      "permutation_importance",
      "shap_summary",
      "shap_importance",
      "candidate_gains",
    ]
  ) {
    const svg = await Deno.readTextFile(join(tmp, "eval", "figures", `${name}.svg`));
    assert.ok(svg.startsWith("<svg") && svg.includes('xmlns="http://www.w3.org/2000/svg"'), name);
  }
  const ranking = (await Deno.readTextFile(join(tmp, "eval", "candidate_ranking.csv"))).trim()
    .split("\n");
  assert.equal(ranking.length, 2425);
  const manifest = JSON.parse(await Deno.readTextFile(join(tmp, "eval", "manifest.json")));
  assert.equal(manifest.createdAt, "1970-01-01T00:00:00.000Z");
  assert.equal(manifest.rowCounts.test, 1458);

  // the model card's section is built from these very artifacts
  const section = tabularModelSection({
    metadata: {
      file: "metadata.json",
      value: JSON.parse(await Deno.readTextFile(join(trained.bundleDir, "metadata.json"))),
    },
    evaluation: { file: "metrics.json", value: metrics },
    comparison: null,
  });
  assert.ok(section.includes(`| ROC-AUC | ${metrics.test.rocAuc.toFixed(4)} |`), section);
  assert.ok(section.includes(`TP ${metrics.test.confusion.tp}, FP ${metrics.test.confusion.fp}`));
  assert.ok(section.includes("445 of them are CONFIRMED"));
  assert.ok(section.includes("test 1,458"));
});

Deno.test("comparison grid: one row per model, set and table, and a Markdown table", async () => {
  const tmp = await Deno.makeTempDir();
  const store = await buildFeatureStore({ outDir: tmp, version: "c1" });
  const base = loadTrainConfig(join(REPO_ROOT, "configs", "train_ci.yaml"));
  const config = {
    ...base,
    compare: {
      ...base.compare,
      models: ["logistic_l2", "random_forest"],
      featureSets: ["vetting"],
    },
  };
  const rows = await compareModels({
    config,
    specs: store.table.specs,
    splits: store.table.splits,
    tables: { koi2019: store.table },
  });
  assert.deepEqual(rows.map((r) => [r.table, r.featureSet, r.model]), [[
    "koi2019",
    "vetting",
    "logistic_l2",
  ], ["koi2019", "vetting", "random_forest"]]);
  assert.ok(rows[1]!.rocAuc > 0.995, `vetting random forest ROC-AUC ${rows[1]!.rocAuc}`);
  assert.equal(rows[0]!.testRows, 1458);
  const md = comparisonMarkdown(rows);
  assert.match(md, /^### koi2019\n\n\| feature set \| model \| ROC-AUC/);
  assert.match(md, /\| vetting \| random_forest \| 0\.99\d\d \|/);
});
