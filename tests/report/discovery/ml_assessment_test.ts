import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { REPO_ROOT } from "../../../lib/data/mod.ts";
import {
  buildFeatureTable,
  loadFeatureSpecs,
  loadInputCatalog,
  loadSplitsConfig,
} from "../../../lib/features/mod.ts";
import {
  bundleFeatures,
  configuredBundleName,
  loadBundle,
  loadTrainConfig,
  predictRecords,
  shapValues,
  trainModel,
  writeBundle,
} from "../../../lib/ml/mod.ts";
import { catalogColumnsFromFrame } from "../../../lib/features/mod.ts";
import {
  assessWithModel,
  findCandidateRow,
  findConfiguredBundle,
  findLatestBundle,
  fixed,
  isMlAssessment,
  mlParagraph,
  predictWithModel,
} from "../../../lib/report/mod.ts";
import { koiCutoutRun, psCutoutRun } from "./_fixtures.ts";

// A real bundle, trained here on the 2019 KOI table with the CI training config (a few seconds),
// written to a temporary models folder beside an older copy of itself.
const modelsDir = await Deno.makeTempDir({ prefix: "exohunter-report-models-" });
const table = buildFeatureTable(
  await loadInputCatalog("koi2019"),
  loadFeatureSpecs(),
  loadSplitsConfig(),
);
const trainConfig = loadTrainConfig(join(REPO_ROOT, "configs", "train_ci.yaml"));
const result = await trainModel(table, {
  config: trainConfig,
  modelName: "hist_gradient_boosting",
  setName: "physical",
  search: false,
});
for (const [name, epoch] of [["older", "1600000000"], ["newer", "1700000000"]] as const) {
  await writeBundle(join(modelsDir, name), name, result, table.specs, {
    featureStoreDir: "in-memory",
    featureStoreManifest: {},
    trainConfig,
    env: { SOURCE_DATE_EPOCH: epoch },
  });
}
// K00571.0x: the five Kepler-186 planets (system context); K00005.01 a CANDIDATE; K00006.01 a FALSE POSITIVE.
const names = [
  "K00571.01",
  "K00571.02",
  "K00571.03",
  "K00571.04",
  "K00571.05",
  "K00005.01",
  "K00006.01",
  "K00115.01",
];
const koi = await koiCutoutRun(names);

Deno.test("the newest bundle in the folder is chosen by its manifest date", async () => {
  assert.equal(await findLatestBundle(modelsDir), join(modelsDir, "newer"));
  assert.equal(await findLatestBundle(join(modelsDir, "none")), null);
});

Deno.test("the bundle configs/train.yaml names wins over a newer one once it is trained", async () => {
  assert.equal(await findConfiguredBundle(modelsDir), null); // not trained in this folder
  const dir = await Deno.makeTempDir({ prefix: "exohunter-configured-" });
  const configured = configuredBundleName(loadTrainConfig());
  for (const [name, epoch] of [[configured, "1600000000"], ["later_ci", "1700000000"]] as const) {
    await writeBundle(join(dir, name), name, result, table.specs, {
      featureStoreDir: "in-memory",
      featureStoreManifest: {},
      trainConfig,
      env: { SOURCE_DATE_EPOCH: epoch },
    });
  }
  assert.equal(await findLatestBundle(dir), join(dir, "later_ci"));
  assert.equal(await findConfiguredBundle(dir), join(dir, configured));
  const predicted = await predictWithModel(koi.frame, "cut-out", { bundle: null, modelsDir: dir });
  assert.ok("chosen" in predicted, JSON.stringify(predicted).slice(0, 300));
  assert.equal(predicted.chosen, "configured");
  assert.equal(predicted.bundleDir, join(dir, configured));
});

Deno.test("P(CONFIRMED) of a row is the bundle's own prediction, explained by TreeSHAP", async () => {
  const row = findCandidateRow(koi, "Kepler-186 f")!.row;
  const m = await assessWithModel(koi, row, { bundle: null, modelsDir, shapFeatures: 5 });
  if (!isMlAssessment(m)) throw new Error(m.unavailable);
  assert.equal(m.bundleName, "newer");
  assert.equal(m.chosen, "newest");
  assert.equal(m.modelKind, "hist_gradient_boosting");
  assert.equal(m.featureSet, "physical");
  assert.equal(m.trainedOn, null); // trained from an in-memory table without a feature-store manifest
  assert.equal(m.testRocAuc, result.test.rocAuc);
  assert.equal(m.threshold, result.threshold);
  assert.equal(m.probabilities.length, names.length);
  // the same probability as lib/ml's own record prediction with the star's other KOIs beside it
  const bundle = await loadBundle(join(modelsDir, "newer"));
  const kepid = koi.frame.getColumn("kepid").toArray() as number[];
  const records = Array.from({ length: koi.frame.height }, (_, i) => {
    const r: Record<string, number | null> = { kepid: Number(kepid[i]) };
    for (const c of bundle.inputColumns) {
      const v = koi.frame.getColumn(c).get(i);
      r[c] = v === null ? null : Number(v);
    }
    return r;
  });
  const expected = predictRecords(bundle, records);
  assert.ok(
    Math.abs(m.probability - expected[row]!) < 1e-12,
    `${m.probability} vs ${expected[row]}`,
  );
  assert.equal(m.predictedLabel, m.probability >= m.threshold ? "CONFIRMED" : "FALSE POSITIVE");
  // kepid 8120608: 8120608 % 5 = 3, so not a test star; the split rule is configs/splits.yaml
  assert.ok(m.split === "train" || m.split === "validation", String(m.split));
  assert.equal(m.splitRuleSource, "configs/splits.yaml");
  assert.equal(m.candidateRank, null); // a CONFIRMED row is not ranked among candidates
  assert.equal(m.shapSpace, "log_odds");
  assert.equal(m.contributions.length, 5);
  for (let i = 1; i < 5; i++) {
    assert.ok(Math.abs(m.contributions[i - 1]!.shap) >= Math.abs(m.contributions[i]!.shap));
  }
  // the contributions are TreeSHAP's values of this row's features, largest first
  const x = bundleFeatures(bundle, catalogColumnsFromFrame(koi.frame, "kepid"));
  const d = x.nCols;
  const shap = shapValues(bundle.pipeline, {
    nRows: 1,
    nCols: d,
    data: x.data.slice(row * d, (row + 1) * d),
  });
  const byName = new Map(shap.featureNames.map((f, j) => [f, shap.values[j]!]));
  const largest = [...byName.values()].map(Math.abs).sort((a, b) => b - a).slice(0, 5);
  assert.deepEqual(m.contributions.map((c) => Math.abs(c.shap)), largest);
  for (const c of m.contributions) {
    assert.equal(c.shap, byName.get(c.feature));
    assert.equal(c.value, x.data[row * d + bundle.features.indexOf(c.feature)]);
  }
});

Deno.test("a CANDIDATE is ranked among the table's candidates", async () => {
  const row = findCandidateRow(koi, "K00005.01")!.row;
  const m = await assessWithModel(koi, row, { bundle: join(modelsDir, "older"), modelsDir });
  if (!isMlAssessment(m)) throw new Error(m.unavailable);
  assert.equal(m.bundleName, "older");
  const candidates = (koi.frame.getColumn("koi_disposition").toArray() as string[])
    .map((d, i) => (d === "CANDIDATE" ? m.probabilities[i]! : NaN)).filter((p) => !Number.isNaN(p));
  assert.deepEqual(m.candidateRank, {
    rank: candidates.filter((p) => p > m.probability).length + 1,
    of: candidates.length,
  });
});

Deno.test("no bundle, or a table without the model's columns: the reason", async () => {
  const empty = await Deno.makeTempDir();
  assert.deepEqual(
    await predictWithModel(koi.frame, "cut.csv", { bundle: null, modelsDir: empty }),
    {
      unavailable: `no tabular model bundle in ${
        relative(REPO_ROOT, empty)
      } (train one with deno task train)`,
    },
  );
  const ps = await psCutoutRun(["WASP-126 b"]);
  const m = await assessWithModel(ps, 0, { bundle: null, modelsDir });
  assert.deepEqual(m, {
    unavailable:
      `model newer needs the catalog columns koi_depth, koi_duration, koi_impact, koi_kepmag, koi_model_snr, which the ${
        ps.catalog.file.path.split("/").pop()
      } table does not have`,
  });
  const broken = join(modelsDir, "broken");
  await Deno.mkdir(broken);
  await Deno.writeTextFile(join(broken, "model.json"), "{not json");
  const bad = await predictWithModel(koi.frame, "cut.csv", { bundle: broken, modelsDir });
  assert.ok("unavailable" in bad);
  assert.match(
    bad.unavailable,
    /^Cannot load model bundle .*broken as .*model\.json is not valid JSON: /,
  );
});

Deno.test("the model's verdict in words", async () => {
  const row = findCandidateRow(koi, "Kepler-186 f")!.row;
  const m = await assessWithModel(koi, row, { bundle: null, modelsDir });
  if (!isMlAssessment(m)) throw new Error(m.unavailable);
  const text = mlParagraph(m, "Kepler-186 f", "KIC 8120608");
  assert.ok(
    text.startsWith(
      `The newest tabular model, \`newer\` (hist gradient boosting on the \`physical\` feature set; held-out test ROC-AUC ${
        fixed(m.testRocAuc, 3)
      }), gives Kepler-186 f a probability of ${
        fixed(m.probability, 3)
      } of being a confirmed planet rather than a false positive, ${
        m.probability >= m.threshold ? "above" : "below"
      } its decision threshold of ${
        fixed(m.threshold, 3)
      }: the model says ${m.predictedLabel}. KIC 8120608 belongs to the model's ${m.split} stars, so the model saw this star's labelled KOIs while`,
    ),
    text,
  );
  assert.match(text, /By TreeSHAP, .* \(table below\)\.$/);
  const configured = await assessWithModel(koi, row, {
    bundle: join(modelsDir, "older"),
    modelsDir,
  });
  if (!isMlAssessment(configured)) throw new Error(configured.unavailable);
  assert.match(
    mlParagraph(configured, "Kepler-186 f", "KIC 8120608"),
    /^The tabular model, `older`/,
  );
});
