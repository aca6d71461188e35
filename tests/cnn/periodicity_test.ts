import assert from "node:assert/strict";
import {
  type LoadedDataset,
  PeriodGrid,
  periodicityChannels,
  periodicityFeaturesReference,
  type PeriodicityOptions,
  periodicityOptionsFrom,
  PeriodicityTransform,
  windowsPeriodicity,
  withPeriodicity,
} from "../../lib/cnn/mod.ts";
import { _AutocorrelationPair, _dftReference, _Fft } from "../../lib/cnn/_fft.ts";
import { Prng } from "../../lib/random/mod.ts";
import { tinyConfig } from "./_tiny_config.ts";

const OPTIONS: PeriodicityOptions = {
  lengthPoints: 300,
  cadenceMinutes: 60,
  periodGrid: { minDays: 1, maxDays: 6, bins: 15, spacing: "log" },
  boxBins: [1, 2, 4],
  thresholdSigma: 1.5,
  maxHarmonics: 8,
  toleranceBins: 1,
  minStepBins: 0.25,
};

/** Standard-normal noise with optional box dips every `periodBins` and a few gaps. */
function window(
  prng: Prng,
  n: number,
  dip: { periodBins: number; phaseBins: number; widthBins: number; depthSigma: number } | null,
  gaps: [number, number][] = [],
): Float32Array {
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    let v = prng.normal();
    if (dip !== null) {
      const phase = (((k - dip.phaseBins) % dip.periodBins) + dip.periodBins) % dip.periodBins;
      if (phase < dip.widthBins) v -= dip.depthSigma;
    }
    out[k] = v;
  }
  for (const [a, b] of gaps) out.fill(NaN, a, b);
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

Deno.test("_Fft matches the direct DFT, forward and inverse, odd and even log2 sizes", () => {
  const prng = new Prng(3);
  for (const size of [2, 8, 16, 32, 64]) {
    const re = Float64Array.from({ length: size }, () => prng.normal());
    const im = Float64Array.from({ length: size }, () => prng.normal());
    const [wantRe, wantIm] = _dftReference(re, im);
    const gotRe = re.slice();
    const gotIm = im.slice();
    new _Fft(size).transform(gotRe, gotIm);
    assert.ok(maxAbsDiff(gotRe, wantRe) < 1e-9, `re, size ${size}`);
    assert.ok(maxAbsDiff(gotIm, wantIm) < 1e-9, `im, size ${size}`);
    new _Fft(size).transform(gotRe, gotIm, true);
    assert.ok(maxAbsDiff(gotRe, re) < 1e-9 && maxAbsDiff(gotIm, im) < 1e-9, `round trip ${size}`);
  }
  assert.throws(
    () => new _Fft(12),
    new RangeError("Cannot build FFT as size must be a power of two >= 2: current value is 12"),
  );
});

Deno.test("_AutocorrelationPair gives both linear autocorrelations", () => {
  const prng = new Prng(4);
  for (const n of [1, 5, 37, 64]) {
    const a = Float64Array.from({ length: n }, () => prng.normal());
    const b = Float64Array.from({ length: n }, () => prng.normal());
    const outA = new Float64Array(n);
    const outB = new Float64Array(n);
    new _AutocorrelationPair(n).compute(a, b, outA, outB);
    const direct = (x: Float64Array, lag: number) => {
      let s = 0;
      for (let k = 0; k + lag < n; k++) s += x[k]! * x[k + lag]!;
      return s;
    };
    for (let lag = 0; lag < n; lag++) {
      assert.ok(Math.abs(outA[lag]! - direct(a, lag)) < 1e-9, `a, n ${n}, lag ${lag}`);
      assert.ok(Math.abs(outB[lag]! - direct(b, lag)) < 1e-9, `b, n ${n}, lag ${lag}`);
    }
  }
});

Deno.test("PeriodicityTransform matches the direct-sum reference (noise, dips, gaps)", () => {
  const prng = new Prng(5);
  const cases: [Partial<PeriodicityOptions>, Float32Array][] = [
    [{}, window(prng, 300, null)],
    [{}, window(prng, 300, { periodBins: 41.3, phaseBins: 7, widthBins: 2, depthSigma: 1.5 })],
    [
      { boxBins: [2, 3], thresholdSigma: 0 },
      window(prng, 300, { periodBins: 70, phaseBins: 30, widthBins: 3, depthSigma: 1 }, [
        [0, 12],
        [140, 171],
        [299, 300],
      ]),
    ],
    [
      { boxBins: [1], maxHarmonics: 3, toleranceBins: 0.5, minStepBins: 0.1 },
      window(prng, 300, { periodBins: 33, phaseBins: 0, widthBins: 1, depthSigma: 3 }, [[50, 60]]),
    ],
  ];
  for (const [override, w] of cases) {
    const options = { ...OPTIONS, ...override };
    const got = new PeriodicityTransform(options).compute(w);
    const want = periodicityFeaturesReference(w, options);
    assert.equal(got.length, want.length);
    const scale = Math.max(1, ...Array.from(want, Math.abs));
    assert.ok(
      maxAbsDiff(got, want) < 1e-4 * scale,
      `${JSON.stringify(override)}: max difference ${maxAbsDiff(got, want)}`,
    );
  }
});

Deno.test("a dip train of period P peaks at P's bin in the harmonic sum", () => {
  const options: PeriodicityOptions = {
    ...OPTIONS,
    lengthPoints: 2048,
    periodGrid: { minDays: 1, maxDays: 40, bins: 100, spacing: "log" },
    maxHarmonics: 32,
    minStepBins: 0.03,
  };
  const transform = new PeriodicityTransform(options);
  const grid = new PeriodGrid(options.periodGrid);
  const prng = new Prng(6);
  // [period, dip width (bins), depth (noise sigma per bin)]: clear signals, transit SNR
  // depth·√(width·transits) 15-35; box widths near the dip width are checked (a 1-bin box sees a
  // shallow 3-bin dip poorly).
  const cases: [number, number, number][] = [
    [1.37, 3, 1.5],
    [3.9, 3, 2],
    [8.25, 3, 3],
    [17.6, 3, 4],
    [33, 2, 8],
    [2.2, 1, 3],
    [12.5, 1, 6],
  ];
  for (const [periodDays, widthBins, depthSigma] of cases) {
    const w = window(prng, 2048, {
      periodBins: periodDays * 24,
      phaseBins: prng.uniformIn(0, periodDays * 24),
      widthBins,
      depthSigma,
    });
    const features = transform.compute(w);
    options.boxBins.forEach((boxBins, box) => {
      if (boxBins > 2 * widthBins || 2 * boxBins < widthBins) return;
      const h = Array.from({ length: 100 }, (_, b) => features[b * transform.channels + 2 * box]!);
      const best = h.indexOf(Math.max(...h));
      assert.ok(
        Math.abs(best - grid.binOf(periodDays)) <= 1,
        `P = ${periodDays} d, box ${boxBins}: peak in bin ${best} (${
          grid.centresDays[best]
        } d), expected bin ${grid.binOf(periodDays)}`,
      );
    });
  }
  // Pure noise has no such peak: its harmonic sums stay near zero everywhere.
  const noise = transform.compute(window(prng, 2048, null));
  const h = Array.from({ length: 100 }, (_, b) => noise[b * transform.channels]!);
  assert.ok(Math.max(...h) < 5, `noise maximum ${Math.max(...h)}`);
});

Deno.test("periodicity features: layout, position channel, time-reversal invariance", () => {
  const transform = new PeriodicityTransform(OPTIONS);
  assert.equal(transform.channels, periodicityChannels(3));
  assert.equal(transform.channels, 7);
  assert.equal(transform.size, 15 * 7);
  const prng = new Prng(7);
  const w = window(prng, 300, { periodBins: 52, phaseBins: 11, widthBins: 2, depthSigma: 2 }, [
    [20, 35],
  ]);
  const f = transform.compute(w);
  for (let b = 0; b < 15; b++) assert.equal(f[b * 7 + 6], Math.fround(b / 14));
  const reversed = w.slice().reverse();
  const g = transform.compute(reversed);
  assert.ok(maxAbsDiff(f, g) < 1e-4, `reversal changed features by ${maxAbsDiff(f, g)}`);
  // The trial periods cover the grid in bins (1 to 6 days = 24 to 144 one-hour bins).
  assert.ok(transform.trialPeriodsBins[0] === 24);
  assert.ok(transform.trialPeriodsBins.at(-1)! < 144);
});

Deno.test("PeriodicityTransform rejects bad settings and window lengths with the value", () => {
  assert.throws(
    () => new PeriodicityTransform({ ...OPTIONS, boxBins: [] }),
    new RangeError(
      "Cannot compute periodicity features as boxBins must be a non-empty list of positive integers: current value is []",
    ),
  );
  assert.throws(
    () => new PeriodicityTransform({ ...OPTIONS, thresholdSigma: -1 }),
    new RangeError(
      "Cannot compute periodicity features as thresholdSigma must be >= 0: current value is -1",
    ),
  );
  assert.throws(
    () => new PeriodicityTransform({ ...OPTIONS, maxHarmonics: 2.5 }),
    new RangeError(
      "Cannot compute periodicity features as maxHarmonics must be a positive integer: current value is 2.5",
    ),
  );
  assert.throws(
    () => new PeriodicityTransform(OPTIONS).compute(new Float32Array(10)),
    new RangeError(
      "Cannot compute periodicity features as the window has 10 points but lengthPoints is 300",
    ),
  );
});

Deno.test("withPeriodicity attaches the features of every window, computed like compute()", () => {
  const config = tinyConfig();
  const options = periodicityOptionsFrom(config)!;
  assert.equal(options.lengthPoints, 256);
  assert.deepEqual(options.boxBins, config.model.periodicity!.boxBins);
  const prng = new Prng(8);
  const flux = new Float32Array(3 * 256);
  for (let i = 0; i < 3; i++) {
    flux.set(
      window(prng, 256, { periodBins: 30 + 10 * i, phaseBins: 3, widthBins: 2, depthSigma: 2 }),
      i * 256,
    );
  }
  const dataset = {
    dir: "(memory)",
    samples: [{}, {}, {}],
    flux,
    lengthPoints: 256,
    manifest: { config: null },
    manifestPath: "",
  } as unknown as LoadedDataset;
  const attached = withPeriodicity(dataset, options);
  const transform = new PeriodicityTransform(options);
  assert.equal(attached.periodicity!.size, transform.size);
  assert.equal(attached.flux, flux, "windows are shared, not copied");
  assert.equal(dataset.periodicity, undefined, "the input is not modified");
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(
      attached.periodicity!.values.subarray(i * transform.size, (i + 1) * transform.size),
      transform.compute(flux.subarray(i * 256, (i + 1) * 256)),
    );
  }
  assert.equal(withPeriodicity(attached, null).periodicity, undefined);
  assert.throws(
    () => withPeriodicity(dataset, { ...options, lengthPoints: 512 }),
    new RangeError(
      "Cannot compute periodicity features of dataset (memory) as its windows have 256 points but the settings expect lengthPoints = 512",
    ),
  );
  assert.throws(
    () => windowsPeriodicity(flux, 4, transform),
    new RangeError(
      "Cannot compute periodicity features as 4 windows of 256 points need 1024 values: current length is 768",
    ),
  );
});
