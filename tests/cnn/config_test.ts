import assert from "node:assert/strict";
import { join } from "node:path";
import { ConfigError } from "../../lib/config/mod.ts";
import {
  CNN_CI_CONFIG_PATH,
  CNN_CONFIG_PATH,
  loadCnnConfig,
  mergeConfig,
  parseCnnConfig,
} from "../../lib/cnn/mod.ts";

Deno.test("configs/cnn.yaml validates with the issue's defaults", () => {
  const c = loadCnnConfig(CNN_CONFIG_PATH);
  assert.deepEqual(
    [c.periods.minDays, c.periods.maxDays, c.periods.bins, c.periods.spacing],
    [1, 40, 100, "log"],
  );
  assert.equal(c.input.lengthPoints * c.input.cadenceMinutes / 1440 >= 2 * 40, true);
  assert.equal(c.training.backend, "auto");
});

Deno.test("configs/cnn_ci.yaml extends cnn.yaml and overrides only what it lists", () => {
  const full = loadCnnConfig(CNN_CONFIG_PATH);
  const ci = loadCnnConfig(CNN_CI_CONFIG_PATH);
  assert.equal(ci.input.lengthPoints, 1024);
  assert.equal(ci.input.cadenceMinutes, full.input.cadenceMinutes, "inherited");
  assert.equal(ci.periods.bins, 40);
  assert.equal(ci.periods.spacing, "log", "inherited");
  assert.deepEqual(ci.model.conv.length, 2, "arrays replace, not merge");
  assert.equal(ci.dataset.counts.syntheticPositive, 300);
  assert.deepEqual(ci.dataset.noise, full.dataset.noise);
});

Deno.test("mergeConfig merges objects and replaces arrays and scalars", () => {
  assert.deepEqual(
    mergeConfig({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, d: 2, e: 3 }),
    { a: { b: 1, c: [3] }, d: 2, e: 3 },
  );
});

async function writeYaml(dir: string, name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await Deno.writeTextFile(path, text);
  return path;
}

Deno.test("loadCnnConfig names key path, value and allowed values", async () => {
  const dir = await Deno.makeTempDir();
  const path = await writeYaml(
    dir,
    "bad.yaml",
    `extends: ${CNN_CONFIG_PATH}\nperiods:\n  spacing: cubic\ntraining:\n  epoch: 3\n`,
  );
  assert.throws(() => loadCnnConfig(path), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.deepEqual(error.problems, [
      'periods.spacing: must be one of "linear", "log": current value is "cubic"',
      'training: unknown key "epoch"; allowed keys: epochs, batchSize, learningRate, patience, minDelta, maxMinutes, backend',
    ]);
    return true;
  });
});

Deno.test("loadCnnConfig checks the window fits two transits and the pooling", async () => {
  const dir = await Deno.makeTempDir();
  const path = await writeYaml(
    dir,
    "short.yaml",
    `extends: ${CNN_CONFIG_PATH}\ninput:\n  lengthPoints: 256\nmodel:\n  conv:\n    - { filters: 4, kernelSize: 3, pool: 512 }\n`,
  );
  assert.throws(() => loadCnnConfig(path), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.deepEqual(error.problems, [
      "periods.maxDays: must not exceed the input window (input.lengthPoints x input.cadenceMinutes = 10.67 days): current value is 40",
      "model.conv[0].pool: pooling leaves no points of the 256-point input: current value is 512",
    ]);
    return true;
  });
});

Deno.test("loadCnnConfig: missing files and circular extends are named", async () => {
  const dir = await Deno.makeTempDir();
  const a = join(dir, "a.yaml");
  const b = join(dir, "b.yaml");
  await Deno.writeTextFile(a, "extends: b.yaml\n");
  await Deno.writeTextFile(b, "extends: a.yaml\n");
  assert.throws(() => loadCnnConfig(a), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.deepEqual(error.problems, [`extends: circular chain ${a} -> ${b} -> ${a}`]);
    return true;
  });
  assert.throws(() => loadCnnConfig(join(dir, "missing.yaml")), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.problems[0]!, /^cannot read file: /);
    return true;
  });
});

Deno.test("parseCnnConfig validates an in-memory object", () => {
  const c = structuredClone(loadCnnConfig(CNN_CI_CONFIG_PATH));
  assert.equal(parseCnnConfig(c).seed, c.seed);
  (c.dataset as Record<string, unknown>)["snr"] = [20, 5];
  assert.throws(() => parseCnnConfig(c, "notebook"), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.deepEqual(error.problems, [
      "dataset.snr: range must be [low, high] with low <= high: current value is [20,5]",
    ]);
    return true;
  });
});

Deno.test("model.periodicity: merged by cnn_ci.yaml, validated, null turns it off", async () => {
  const full = loadCnnConfig(CNN_CONFIG_PATH);
  const ci = loadCnnConfig(CNN_CI_CONFIG_PATH);
  assert.ok(full.model.periodicity !== null && ci.model.periodicity !== null);
  assert.deepEqual(ci.model.periodicity.boxBins, full.model.periodicity.boxBins, "inherited");
  assert.equal(ci.model.periodicity.conv.length, 1, "the CI branch is smaller");
  const dir = await Deno.makeTempDir();
  const off = await writeYaml(
    dir,
    "off.yaml",
    `extends: ${CNN_CONFIG_PATH}\nmodel:\n  periodicity: null\n`,
  );
  assert.equal(loadCnnConfig(off).model.periodicity, null);
  const bad = await writeYaml(
    dir,
    "bad_periodicity.yaml",
    `extends: ${CNN_CONFIG_PATH}\nmodel:\n  periodicity:\n    boxBins: [0, 2]\n    thresholdSigma: -1\n    harmonics: 3\n`,
  );
  assert.throws(() => loadCnnConfig(bad), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.deepEqual(error.problems, [
      "model.periodicity.boxBins[0]: Too small: expected number to be >0: current value is 0",
      "model.periodicity.thresholdSigma: Too small: expected number to be >=0: current value is -1",
      'model.periodicity: unknown key "harmonics"; allowed keys: boxBins, thresholdSigma, maxHarmonics, toleranceBins, minStepBins, conv, binLogits',
    ]);
    return true;
  });
});
