import assert from "node:assert/strict";
import { runNotebooks } from "../../lib/notebook/mod.ts";
import {
  assertCleanNotebook,
  assertNoErrors,
  notebookPath,
  outputsOf,
  readNotebook,
  streamTextOf,
  svgsOf,
} from "./_notebook_checks.ts";

const NOTEBOOK = notebookPath("01_eda.ipynb");

Deno.test("the committed 01_eda notebook has no outputs, a Deno kernelspec and no function definitions", async () => {
  await assertCleanNotebook(NOTEBOOK);
});

Deno.test("01_eda runs headlessly through the Deno kernel and draws its figures", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "exohunter-eda-" });
  const result = await runNotebooks([NOTEBOOK], { outDir, verbose: false, cellTimeoutS: 300 });
  assert.equal(result.ok, true, result.log);
  const nb = await readNotebook(result.outputs[0]!);
  assertNoErrors(nb, "01_eda");
  const svgs = svgsOf(nb);
  assert.equal(svgs.length, 5);
  for (const svg of svgs) assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const circles = svgs.map((s) => s.match(/<circle/g)?.length ?? 0);
  assert.ok(circles.filter((n) => n > 7000).length === 2, `scatter figures: ${circles}`); // period-radius, insolation-radius
  assert.ok(svgs.some((s) => s.includes("runaway greenhouse")));
  assert.ok(
    svgs.some((s) => (s.match(/<rect/g)?.length ?? 0) >= 5 && s.includes("Primary categories")),
  );
  const text = streamTextOf(nb);
  assert.match(text, /9564 rows × 49 columns from koi_cumulative_2025-10-04\.csv/);
  assert.match(text, /^confirmed_planet +2746 /m);
  const tables = outputsOf(nb).filter((o) => o.data?.["text/html"] !== undefined);
  assert.ok(tables.length >= 4);
  const hz = tables.find((t) => t.data!["text/html"]!.includes("Kepler-1649 b"))!;
  assert.ok(hz.data!["text/html"]!.includes("Kepler-452 b"), "habitable-zone table");
});
