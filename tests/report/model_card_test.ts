import assert from "node:assert/strict";
import { join } from "node:path";
import { loadModelCardInputs, modelCardPaths, tabularModelSection } from "../../lib/report/mod.ts";

Deno.test("model card: a missing key names the file and the key", () => {
  assert.throws(
    () =>
      tabularModelSection({
        metadata: { file: "models/x/metadata.json", value: { name: "x", target: {} } },
        evaluation: { file: "eval/metrics.json", value: {} },
        comparison: null,
      }),
    /models\/x\/metadata\.json: missing key "target\.positive" \(at "positive"\)/,
  );
  assert.throws(
    () =>
      tabularModelSection({
        metadata: { file: "m.json", value: { name: 3 } },
        evaluation: { file: "e.json", value: {} },
        comparison: null,
      }),
    /m\.json: key "name" should be a string, got 3/,
  );
});

Deno.test("model card: absent artifacts are listed, not an error (a fresh clone)", async () => {
  const root = await Deno.makeTempDir();
  const paths = modelCardPaths(root, "models/b", "eval", "models/period_cnn", "eval/period_cnn");
  assert.equal(paths.tabularMetadata, join(root, "models", "b", "metadata.json"));
  const loaded = await loadModelCardInputs(paths);
  assert.equal(loaded.inputs, null);
  assert.deepEqual(loaded.missing, [
    paths.tabularMetadata,
    paths.tabularEvaluation,
    paths.cnnManifest,
    paths.cnnEvaluation,
  ]);
  await Deno.mkdir(join(root, "eval"), { recursive: true });
  await Deno.writeTextFile(paths.tabularEvaluation, "{not json");
  await Deno.mkdir(join(root, "models", "b"), { recursive: true });
  await Deno.writeTextFile(paths.tabularMetadata, "{}");
  await Deno.mkdir(join(root, "models", "period_cnn"), { recursive: true });
  await Deno.writeTextFile(paths.cnnManifest, "{}");
  await Deno.mkdir(join(root, "eval", "period_cnn"), { recursive: true });
  await Deno.writeTextFile(paths.cnnEvaluation, "{}");
  await assert.rejects(
    () => loadModelCardInputs(paths),
    (e: Error) => e.message.startsWith(`Cannot read ${paths.tabularEvaluation} as JSON`),
  );
});
