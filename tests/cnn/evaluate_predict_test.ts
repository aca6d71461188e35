import assert from "node:assert/strict";
import { join } from "node:path";
import {
  buildCnnDataset,
  formatEvaluation,
  INPUT_CHANNELS,
  loadDataset,
  loadPeriodCnn,
  periodicityOptionsFrom,
  PeriodicityTransform,
  predictDatasetWindows,
  predictLightCurve,
  predictModelInput,
  readPredictInput,
  runCnnEvaluation,
  runCnnTraining,
  sampleWindow,
  withPeriodicity,
  writeModelInput,
  writePrediction,
} from "../../lib/cnn/mod.ts";
import {
  findLocalLightCurveFiles,
  readLightCurveFits,
  resolveTarget,
} from "../../lib/lightcurve/mod.ts";
import { tinyConfig } from "./_tiny_config.ts";

const ENV = { SOURCE_DATE_EPOCH: "1700000000" };
const config = tinyConfig({
  syntheticPositive: 64,
  syntheticNegative: 24,
  realPositive: 6,
  realNegative: 2,
});
config.dataset.testFraction = 0.3;
config.dataset.real.windowStrideDays = 200;
config.training.epochs = 2;
const root = await Deno.makeTempDir();
const datasetDir = join(root, "dataset");
const modelDir = join(root, "model");
await buildCnnDataset(config, { outDir: datasetDir, log: null, env: ENV });
await runCnnTraining(config, { datasetDir, modelDir, log: null, env: ENV });

Deno.test("runCnnEvaluation compares CNN, BLS and the combined mode on the same windows", async () => {
  const evalDir = join(root, "eval");
  const lines: string[] = [];
  const metrics = await runCnnEvaluation(config, {
    modelDir,
    datasetDir,
    evalDir,
    maxBlsSamples: config.evaluation.maxBlsSamples,
    log: (l) => lines.push(l),
    env: ENV,
  });
  const dataset = await loadDataset(datasetDir);
  const synthTest = dataset.samples.filter((s) =>
    s.split === "test" && !s.kind.startsWith("real_")
  );
  const real = dataset.samples.filter((s) => s.kind.startsWith("real_"));
  const set = metrics.sets.synthetic_test;
  assert.equal(set.windows, synthTest.length);
  assert.equal(set.subset.windows, Math.min(6, synthTest.length));
  for (const m of [set.cnn, set.subset.cnn, set.subset.bls, set.subset.combined]) {
    assert.ok(m.accuracy.top1 >= 0 && m.accuracy.top1 <= 1);
    assert.ok(m.accuracy.top3 >= m.accuracy.top1, "top-3 includes top-1");
    assert.equal(m.sensitivity.length, config.evaluation.snrEdges.length);
  }
  // BLS finds these bright injected signals on its own.
  assert.ok(set.subset.bls.accuracy.top1 >= 0.5, `BLS top-1 ${set.subset.bls.accuracy.top1}`);
  assert.equal(metrics.realByStar.reduce((a, s) => a + s.windows, 0), real.length);
  assert.equal(metrics.backend, "wasm");
  const csv = (await Deno.readTextFile(join(evalDir, "predictions.csv"))).trim().split("\n");
  assert.equal(csv.length, 1 + synthTest.length + real.length);
  for (const f of ["metrics.json", "sensitivity.svg", "roc.svg", "manifest.json"]) {
    await Deno.stat(join(evalDir, f));
  }
  const written = JSON.parse(await Deno.readTextFile(join(evalDir, "metrics.json")));
  assert.deepEqual(written.targets, JSON.parse(JSON.stringify(metrics.targets)));
  const table = formatEvaluation(metrics);
  assert.match(
    table[0]!,
    /^synthetic_test: \d+ windows \(\d+ with a detectable planet, \d+ without any\)$/,
  );
  assert.ok(table.some((l) => /^ {2}bls +\d+\.\d%/.test(l)));
  assert.match(lines[0]!, /^tf backend: wasm/);
});

Deno.test("predictLightCurve on a real Kepler quarter: a distribution per window, BLS refinement", async () => {
  const cnn = await loadPeriodCnn(modelDir);
  const files = await findLocalLightCurveFiles(await resolveTarget("Kepler-585"));
  const lc = await readLightCurveFits(files[2]!);
  // Refine over every bin: the BLS step must then recover Kepler-585 b (P = 2.7524 d).
  const prediction = await predictLightCurve(cnn, lc, { refineTopBins: cnn.grid.bins, topK: 3 });
  assert.ok(prediction.windows.length >= 10, `${prediction.windows.length} windows`);
  assert.equal(prediction.distribution.length, cnn.grid.bins + 1);
  assert.ok(Math.abs(prediction.distribution.reduce((a, b) => a + b, 0) - 1) < 1e-4);
  assert.equal(prediction.top.length, 3);
  assert.ok(prediction.detectionProbability > 0 && prediction.detectionProbability < 1);
  assert.ok(
    Math.abs(prediction.refined!.periodDays - 2.75236) < 0.005,
    `${prediction.refined?.periodDays}`,
  );
  const out = await Deno.makeTempDir();
  const files2 = await writePrediction(prediction, lc, cnn, out, "Kepler-585 Q3");
  const json = JSON.parse(await Deno.readTextFile(files2.json));
  assert.equal(json.input, "Kepler-585 Q3");
  assert.equal(json.windows.length, prediction.windows.length);
  assert.match(
    await Deno.readTextFile(files2.foldSvg),
    /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
  );
  assert.match(await Deno.readTextFile(files2.distributionSvg), /CNN period distribution/);
});

Deno.test("readPredictInput reads CSV and FITS, and names what it cannot read", async () => {
  const dir = await Deno.makeTempDir();
  const csv = join(dir, "lc.csv");
  await Deno.writeTextFile(csv, "# a comment\nTIME,Flux\n1.0,100\n1.1,\n1.2,101\n");
  const lc = await readPredictInput(csv);
  assert.deepEqual(Array.from(lc.time), [1, 1.1, 1.2]);
  assert.ok(Number.isNaN(lc.flux[1]!));
  const bad = join(dir, "bad.csv");
  await Deno.writeTextFile(bad, "t_days,mag\n1,2\n");
  await assert.rejects(
    readPredictInput(bad),
    new Error(
      `Cannot read light curve ${bad} as it needs a time column (time, time_days, bjd, bkjd, btjd) and a flux column (flux, pdcsap_flux, sap_flux, relative_flux): columns are t_days, mag`,
    ),
  );
  const txt = join(dir, "lc.txt");
  await Deno.writeTextFile(txt, "1 2\n");
  await assert.rejects(
    readPredictInput(txt),
    new Error(
      `Cannot read light curve ${txt} as it is not a .fits, .fits.gz or .csv file nor a folder`,
    ),
  );
  const files = await findLocalLightCurveFiles(await resolveTarget("Kepler-585"));
  const fits = await readPredictInput(files[0]!);
  assert.ok(fits.length > 1000);
  const cnn = await loadPeriodCnn(modelDir);
  await assert.rejects(
    predictLightCurve(cnn, lc),
    new RangeError(
      `Cannot predict periods of ${csv} as no 10.7-day window has data in at least 50% of its 60-minute bins (span 0.2 days, 2 cadences)`,
    ),
  );
});

Deno.test("the saved model's periodicity features are the training ones, window by window", async () => {
  const cnn = await loadPeriodCnn(modelDir);
  assert.deepEqual(cnn.metadata.periodicity, periodicityOptionsFrom(config));
  const dataset = withPeriodicity(await loadDataset(datasetDir), cnn.metadata.periodicity!);
  const ids = [0, 5, dataset.samples.length - 1];
  const viaDataset = await predictDatasetWindows(cnn.model, dataset, ids, cnn.grid);
  // Inference path: features computed from each window alone, as predictLightCurve does.
  const transform = new PeriodicityTransform(cnn.metadata.periodicity!);
  const n = dataset.lengthPoints;
  const input = new Float32Array(ids.length * n * INPUT_CHANNELS);
  const features = new Float32Array(ids.length * transform.size);
  ids.forEach((id, i) => {
    const window = sampleWindow(dataset, id);
    writeModelInput(window, input, i * n * INPUT_CHANNELS);
    transform.compute(window, features, i * transform.size);
  });
  const direct = await predictModelInput(cnn.model, input, ids.length, n, features);
  assert.deepEqual(Array.from(direct.period), Array.from(viaDataset.period));
  assert.deepEqual(Array.from(direct.detection), Array.from(viaDataset.detection));
});
