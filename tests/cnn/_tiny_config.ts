/**
 * A tiny period-CNN config for tests: 256 one-hour bins (10.7 days), periods 1-5 days in 12
 * bins, a two-layer CNN, synthetic stars only unless a test asks for real windows.
 */
import {
  CNN_CI_CONFIG_PATH,
  type CnnConfig,
  loadCnnConfig,
  parseCnnConfig,
} from "../../lib/cnn/mod.ts";

/** Options for {@link tinyConfig}. */
export interface TinyConfigOptions {
  syntheticPositive?: number;
  syntheticNegative?: number;
  injectedReal?: number;
  realPositive?: number;
  realNegative?: number;
}

/** A validated tiny config with the given sample counts (default 48 positive, 16 negative). */
export function tinyConfig(options: TinyConfigOptions = {}): CnnConfig {
  const base = structuredClone(loadCnnConfig(CNN_CI_CONFIG_PATH)) as CnnConfig;
  base.seed = 7;
  base.input.lengthPoints = 256;
  base.input.minValidFraction = 0.5;
  base.periods = { minDays: 1, maxDays: 5, bins: 12, spacing: "log", targetSigmaBins: 0.7 };
  base.dataset.counts = {
    syntheticPositive: options.syntheticPositive ?? 48,
    syntheticNegative: options.syntheticNegative ?? 16,
    injectedReal: options.injectedReal ?? 0,
    realPositive: options.realPositive ?? 0,
    realNegative: options.realNegative ?? 0,
  };
  base.dataset.shardSize = 32;
  base.dataset.snr = [15, 60];
  base.dataset.planetsPerStar = { min: 1, max: 1 };
  base.dataset.missions = { kepler: 1, tess: 0 };
  base.model = {
    conv: [{ filters: 4, kernelSize: 5, pool: 4 }, { filters: 8, kernelSize: 5, pool: 4 }],
    dense: [16],
    dropout: 0,
    detectionLossWeight: 0.5,
    periodicity: {
      boxBins: [1, 2],
      thresholdSigma: 1.5,
      maxHarmonics: 8,
      toleranceBins: 1,
      minStepBins: 0.25,
      conv: [{ filters: 4, kernelSize: 3 }],
      binLogits: true,
    },
  };
  base.training = { ...base.training, epochs: 3, batchSize: 16, patience: 2, backend: "wasm" };
  base.evaluation = { ...base.evaluation, maxBlsSamples: 6, blsDurationsHours: [1, 2, 4] };
  return parseCnnConfig(base, "tests/cnn/_tiny_config.ts");
}
