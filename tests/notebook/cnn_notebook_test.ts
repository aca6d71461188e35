import assert from "node:assert/strict";
import { join } from "node:path";
import { runNotebooks } from "../../lib/notebook/mod.ts";
import { periodCnnSection } from "../../lib/report/mod.ts";
import {
  assertCleanNotebook,
  assertNoErrors,
  notebookPath,
  readNotebook,
  streamTextOf,
  svgsOf,
} from "./_notebook_checks.ts";

const NOTEBOOK = notebookPath("05_period_cnn.ipynb");

Deno.test("the committed 05_period_cnn notebook has no outputs, a Deno kernelspec and no function definitions", async () => {
  await assertCleanNotebook(NOTEBOOK);
});

Deno.test("05_period_cnn builds, trains, evaluates and predicts headlessly on configs/cnn_ci.yaml", async () => {
  const outRoot = await Deno.makeTempDir({ prefix: "exohunter-cnn-nb-" });
  const result = await runNotebooks([NOTEBOOK], {
    outDir: join(outRoot, "executed"),
    verbose: false,
    cellTimeoutS: 300,
    env: { EXOHUNTER_CNN_OUT: outRoot, CI: "1" },
  });
  assert.equal(result.ok, true, result.log);
  const nb = await readNotebook(result.outputs[0]!);
  assertNoErrors(nb, "05_period_cnn");
  const svgs = svgsOf(nb);
  assert.equal(svgs.length, 5, "window, history, sensitivity, distribution, fold");
  for (const svg of svgs) assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(svgs[0]!.includes("KIC 9157634"), "the Kepler-586 window");
  assert.ok((svgs[0]!.match(/<circle/g)?.length ?? 0) > 500, "its points");
  assert.ok(svgs.some((s) => s.includes("Training history")));
  assert.ok(svgs.some((s) => s.includes("Kepler-589: mean of")));
  const text = streamTextOf(nb);
  assert.match(text, /tf backend: wasm/);
  assert.match(text, /epoch 3\/3 loss/);
  assert.match(text, /synthetic_test: \d+ windows/);
  assert.match(text, /BLS around the CNN's top bins/);
  // The artifacts went to the temporary folder, with their manifests.
  for (
    const f of [
      "dataset/manifest.json",
      "model/model.json",
      "model/manifest.json",
      "eval/metrics.json",
    ]
  ) {
    await Deno.stat(join(outRoot, f));
  }

  // the model card's CNN section is built from these very artifacts
  const manifest = JSON.parse(await Deno.readTextFile(join(outRoot, "model", "manifest.json")));
  const metrics = JSON.parse(await Deno.readTextFile(join(outRoot, "eval", "metrics.json")));
  const section = periodCnnSection({
    manifest: { file: "model/manifest.json", value: manifest },
    evaluation: { file: "eval/metrics.json", value: metrics },
  });
  const top1 = metrics.sets.synthetic_test.cnn.accuracySnr10.top1;
  assert.ok(
    section.includes(
      `| SNR ≥ 10 | ${
        metrics.sets.synthetic_test.cnn.accuracySnr10.count.toLocaleString("en-US")
      } | ${(100 * top1).toFixed(1)} % |`,
    ),
    section,
  );
  assert.ok(section.includes(`${manifest.extra.history.length} epochs`));
  assert.ok(section.includes("| BLS |"));
});
