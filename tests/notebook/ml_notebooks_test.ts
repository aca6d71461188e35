import assert from "node:assert/strict";
import { runNotebooks } from "../../lib/notebook/mod.ts";
import {
  assertCleanNotebook,
  assertNoErrors,
  markdownOf as markdown,
  notebookPath,
  outputsOf,
  readNotebook,
  streamTextOf as text,
  svgsOf as svgs,
} from "./_notebook_checks.ts";

const NOTEBOOKS = ["02_features.ipynb", "03_baselines.ipynb", "04_supervised.ipynb"]
  .map(notebookPath);

Deno.test("the committed ML notebooks have no outputs, a Deno kernelspec and no function definitions", async () => {
  for (const path of NOTEBOOKS) await assertCleanNotebook(path);
});

Deno.test("02, 03 and 04 run headlessly through the Deno kernel with their tables and figures", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "exohunter-ml-notebooks-" });
  const result = await runNotebooks(NOTEBOOKS, { outDir, verbose: false, cellTimeoutS: 300 });
  assert.equal(result.ok, true, result.log);
  const [nb02, nb03, nb04] = (await Promise.all(result.outputs.map(readNotebook))) as [
    Awaited<ReturnType<typeof readNotebook>>,
    Awaited<ReturnType<typeof readNotebook>>,
    Awaited<ReturnType<typeof readNotebook>>,
  ];
  assertNoErrors(nb02, "02");
  assertNoErrors(nb03, "03");
  assertNoErrors(nb04, "04");

  // 02: the store, the split counts of the protocol, three figures
  assert.match(
    text(nb02),
    /^9564 KOIs from cumulative_2019\.csv \(sha256 95d320aa8b41147f\.\.\.\)/m,
  );
  assert.match(markdown(nb02), /\| all \| 2299 \| 4841 \| 7140 \| 2424 \| 9564 \|/);
  assert.match(markdown(nb02), /\| physical \| 30 \| 18 \|/);
  assert.equal(svgs(nb02).length, 3);
  for (const svg of svgs(nb02)) assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

  // 03: both scores, relation to dispositions and to anomalous_signal, three box-plot figures
  assert.match(text(nb03), /^9564 KOIs scored on 30 features; the top 1 % = 96 KOIs/m);
  assert.match(
    text(nb03),
    /ROC-AUC for FALSE POSITIVE vs CONFIRMED: isolation forest 0\.\d{3}, LOF 0\.\d{3}/,
  );
  assert.match(text(nb03), /KOIs are anomalous_signal; ROC-AUC of the scores for them vs the rest/);
  assert.match(markdown(nb03), /\| FALSE POSITIVE \| 4841 \|/);
  assert.equal(svgs(nb03).length, 3);

  // 04: the five steps, test metrics, figures, comparison, predictions, candidates, tracking
  const md04 = markdown(nb04);
  const testRow = md04.match(/\| test stars \(final model\) \| 1458 \| 457 \| (0\.\d{4}) \|/);
  assert.ok(testRow, "test metrics row");
  assert.ok(Number(testRow[1]) > 0.98, `notebook test ROC-AUC ${testRow[1]}`);
  assert.match(md04, /\| koi2019 \| vetting \| random_forest \| 0\.99\d\d \|/);
  assert.match(md04, /\| confirmed later \| 445 \(base rate 0\.184\) \|/);
  assert.match(md04, /\| top 100 \| \d+ confirmed/);
  assert.equal(svgs(nb04).length, 6); // ROC, PR, confusion, calibration, SHAP summary, gains
  assert.match(text(nb04), /^kepoi_name,kepid,koi_depth,koi_duration,koi_impact/m);
  assert.match(text(nb04), /^9564 rows, 34 columns ignored/m);
  assert.match(text(nb04), /hist_gradient_boosting_physical_ci\s+FINISHED/);
  assert.ok(
    outputsOf(nb04).some((o) => o.data?.["text/html"] !== undefined),
    "prediction frame shown as a table",
  );
});
