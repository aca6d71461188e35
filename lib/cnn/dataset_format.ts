/**
 * The on-disk period-CNN dataset: compact, documented, reproducible.
 *
 * ```text
 * <dataset>/
 *   shards/shard-00000.f32 …  little-endian float32, `count × lengthPoints` values per shard:
 *                             each sample's preprocessed window (standardised flux, NaN = gap),
 *                             samples in `sample_id` order
 *   samples.csv               one row per sample (see SAMPLE_COLUMNS)
 *   planets.csv               one row per planet signal of a sample (see PLANET_COLUMNS)
 *   README.txt                this description, written with the data
 *   manifest.json             lib/io manifest: config, seed, row counts, sha256 of every file
 * ```
 *
 * Targets are not stored: they follow from planets.csv (`detectable` planets' periods) and the
 * config's period grid through `periodTarget`, so a grid change needs no rebuild. Nor are the
 * periodicity features of a model with a `periodicity` input: `withPeriodicity`
 * (lib/cnn/periodicity.ts) computes them from the stored windows after loading (~1 ms per
 * window), with the settings recorded in the model, so they cannot drift from the windows.
 *
 * @module
 */
import { join } from "node:path";
import type { DatasetPeriodicity } from "./periodicity.ts";
import { csvText, parseCsvRecords, writeFileAtomic } from "../io/mod.ts";

/** Where a sample came from. */
export type SampleKind =
  | "synthetic_positive"
  | "synthetic_negative"
  | "injected_real"
  | "real_positive"
  | "real_negative";

/** All sample kinds in a fixed order. */
export const SAMPLE_KINDS: readonly SampleKind[] = [
  "synthetic_positive",
  "synthetic_negative",
  "injected_real",
  "real_positive",
  "real_negative",
];

/** Dataset split. */
export type Split = "train" | "validation" | "test";

/** All splits in a fixed order. */
export const SPLITS: readonly Split[] = ["train", "validation", "test"];

/** One transit signal in a sample (injected, or a catalog signal of a real star). */
export interface PlanetTruth {
  /** Catalog name (e.g. "K00517.01") or "injected-<n>". */
  name: string;
  /** True when injected by the dataset builder. */
  injected: boolean;
  /** Orbital period, days. */
  periodDays: number;
  /** Mid-time of a transit, days (the sample's time system). */
  t0Days: number;
  /** Transit depth, ppm. */
  depthPpm: number;
  /** Transit duration (first to fourth contact), hours. */
  durationHours: number;
  /** Transits with data inside the window. */
  nTransits: number;
  /**
   * Signal-to-noise of the transit train in the window:
   * depth / σ_bin · √(in-transit bins with data), σ_bin the window's robust binned noise.
   */
  snr: number;
  /** Counted in the target: in the period range, ≥ minTransits transits and snr ≥ minSnr. */
  detectable: boolean;
}

/** One sample: a preprocessed window and its truth. */
export interface SampleRecord {
  /** Row number, 0-based; also the sample's position in the shards. */
  id: number;
  kind: SampleKind;
  split: Split;
  /** Source star: catalog target (e.g. "KIC 8015907") or "synthetic-<n>". */
  source: string;
  /** "Kepler" or "TESS" (cadence and gap pattern). */
  mission: string;
  /** Window start, days (the source's time system). */
  startDays: number;
  /** Fraction of the window's bins holding data. */
  validFraction: number;
  /** Robust noise σ of the binned, detrended window, ppm. */
  noisePpm: number;
  /** Transit signals in the window (possibly none). */
  planets: PlanetTruth[];
}

/** Columns of samples.csv. */
export const SAMPLE_COLUMNS = [
  "sample_id",
  "kind",
  "split",
  "source",
  "mission",
  "shard",
  "offset",
  "start_days",
  "valid_fraction",
  "noise_ppm",
  "n_planets",
  "n_detectable",
  "max_snr",
] as const;

/** Columns of planets.csv. */
export const PLANET_COLUMNS = [
  "sample_id",
  "planet",
  "name",
  "injected",
  "period_days",
  "t0_days",
  "depth_ppm",
  "duration_hours",
  "n_transits",
  "snr",
  "detectable",
] as const;

/** Periods of a sample's detectable planets (the target's input). */
export function detectablePeriods(sample: SampleRecord): number[] {
  return sample.planets.filter((p) => p.detectable).map((p) => p.periodDays);
}

/** Highest SNR among a sample's detectable planets (0 when none). */
export function maxDetectableSnr(sample: SampleRecord): number {
  let best = 0;
  for (const p of sample.planets) if (p.detectable && p.snr > best) best = p.snr;
  return best;
}

/** Text of the README.txt written into every dataset folder. */
export const DATASET_README = `ExoHunter period-CNN dataset (written by \`deno task cnn:dataset\`).

shards/shard-NNNNN.f32  little-endian float32; each shard holds count x lengthPoints values,
                        one preprocessed window per sample in sample_id order (shard = floor(id /
                        shardSize), offset = id mod shardSize). Values are the detrended relative
                        flux divided by the window's robust noise sigma, clipped; NaN marks a gap.
samples.csv             one row per sample: ${SAMPLE_COLUMNS.join(", ")}.
planets.csv             one row per transit signal of a sample: ${PLANET_COLUMNS.join(", ")}.
                        Units: days, ppm, hours. snr = depth / binned noise * sqrt(in-transit bins).
                        detectable = in the period range, enough transits and snr: these planets
                        form the training target (a Gaussian per planet in period-bin space).
manifest.json           config (incl. preprocessing, lengthPoints, period grid), seed, row counts,
                        sha256 of every file above.
`;

/** Options for {@linkcode DatasetWriter}. */
export interface DatasetWriterOptions {
  /** Points per window. */
  lengthPoints: number;
  /** Samples per shard. */
  shardSize: number;
}

/** Writes samples into shards and the index files. */
export class DatasetWriter {
  readonly #dir: string;
  readonly #lengthPoints: number;
  readonly #shardSize: number;
  readonly #records: SampleRecord[] = [];
  #buffer: Float32Array;
  #inBuffer = 0;
  #shard = 0;
  readonly #files: string[] = [];

  /**
   * @param dir Dataset folder (created; existing shards are overwritten).
   * @param options See {@linkcode DatasetWriterOptions}.
   */
  constructor(dir: string, options: DatasetWriterOptions) {
    this.#dir = dir;
    this.#lengthPoints = options.lengthPoints;
    this.#shardSize = options.shardSize;
    this.#buffer = new Float32Array(options.shardSize * options.lengthPoints);
  }

  /** Samples added so far. */
  get count(): number {
    return this.#records.length;
  }

  /**
   * Append a sample. Its `id` is replaced by its position.
   *
   * @param record Truth and metadata.
   * @param flux Preprocessed window (`lengthPoints` values).
   */
  async add(record: SampleRecord, flux: Float32Array): Promise<void> {
    if (flux.length !== this.#lengthPoints) {
      throw new RangeError(
        `Cannot add sample to dataset as its window has ${flux.length} points but the dataset uses ${this.#lengthPoints}`,
      );
    }
    this.#records.push({ ...record, id: this.#records.length });
    this.#buffer.set(flux, this.#inBuffer * this.#lengthPoints);
    this.#inBuffer++;
    if (this.#inBuffer === this.#shardSize) await this.#flush();
  }

  async #flush(): Promise<void> {
    if (this.#inBuffer === 0) return;
    const values = this.#buffer.subarray(0, this.#inBuffer * this.#lengthPoints);
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i]!, true);
    const path = join(this.#dir, "shards", shardName(this.#shard));
    await writeFileAtomic(path, bytes);
    this.#files.push(path);
    this.#shard++;
    this.#inBuffer = 0;
  }

  /**
   * Write the last shard, samples.csv, planets.csv and README.txt.
   *
   * @returns Every file written (shards first), for the manifest.
   */
  async finish(): Promise<string[]> {
    await this.#flush();
    const sampleRows = this.#records.map((r) => [
      r.id,
      r.kind,
      r.split,
      r.source,
      r.mission,
      Math.floor(r.id / this.#shardSize),
      r.id % this.#shardSize,
      r.startDays,
      r.validFraction,
      r.noisePpm,
      r.planets.length,
      r.planets.filter((p) => p.detectable).length,
      maxDetectableSnr(r),
    ]);
    const planetRows = this.#records.flatMap((r) =>
      r.planets.map((p, i) => [
        r.id,
        i,
        p.name,
        p.injected,
        p.periodDays,
        p.t0Days,
        p.depthPpm,
        p.durationHours,
        p.nTransits,
        p.snr,
        p.detectable,
      ])
    );
    const samplesPath = join(this.#dir, "samples.csv");
    const planetsPath = join(this.#dir, "planets.csv");
    const readmePath = join(this.#dir, "README.txt");
    await writeFileAtomic(samplesPath, csvText(SAMPLE_COLUMNS, sampleRows));
    await writeFileAtomic(planetsPath, csvText(PLANET_COLUMNS, planetRows));
    await writeFileAtomic(readmePath, DATASET_README);
    return [...this.#files, samplesPath, planetsPath, readmePath];
  }

  /** The records added so far (ids assigned). */
  get records(): readonly SampleRecord[] {
    return this.#records;
  }
}

/** File name of shard `index`. */
export function shardName(index: number): string {
  return `shard-${String(index).padStart(5, "0")}.f32`;
}

/** A dataset loaded into memory. */
export interface LoadedDataset {
  /** Folder it was read from. */
  dir: string;
  /** Samples in id order. */
  samples: SampleRecord[];
  /** All windows, `samples.length × lengthPoints`, NaN = gap. */
  flux: Float32Array;
  /** Points per window. */
  lengthPoints: number;
  /** The dataset's manifest (config under `.config`). */
  manifest: { config: unknown; [key: string]: unknown };
  /** Path of manifest.json (its hash goes into the model manifest). */
  manifestPath: string;
  /**
   * Periodicity features of every window, when a model needs them. Not stored on disk: computed
   * from the windows after loading (see `withPeriodicity` in lib/cnn/periodicity.ts), with the
   * model's own settings, the same way at training, evaluation and inference.
   */
  periodicity?: DatasetPeriodicity;
}

function numberField(record: Record<string, string>, key: string, source: string): number {
  const text = record[key];
  if (text === undefined) {
    throw new RangeError(`Cannot read ${source} as column ${key} is missing`);
  }
  if (text === "") return NaN;
  const value = Number(text);
  if (Number.isNaN(value)) {
    throw new RangeError(
      `Cannot read ${source} as column ${key} must be a number: current value is "${text}"`,
    );
  }
  return value;
}

/**
 * Load a dataset written by {@linkcode DatasetWriter} (plus its manifest).
 *
 * @param dir Dataset folder.
 * @returns Samples, windows and manifest.
 * @throws {Error} Naming the file and the problem when something is missing or inconsistent.
 */
export async function loadDataset(dir: string): Promise<LoadedDataset> {
  const manifestPath = join(dir, "manifest.json");
  let manifest: LoadedDataset["manifest"];
  try {
    manifest = JSON.parse(await Deno.readTextFile(manifestPath));
  } catch (error) {
    throw new Error(
      `Cannot load dataset ${dir} as ${manifestPath} could not be read: ${
        (error as Error).message
      } (run \`deno task cnn:dataset\` first)`,
    );
  }
  const extra = (manifest["extra"] ?? {}) as Record<string, unknown>;
  const lengthPoints = Number(extra["lengthPoints"]);
  const shardSize = Number(extra["shardSize"]);
  if (!(lengthPoints > 0) || !(shardSize > 0)) {
    throw new RangeError(
      `Cannot load dataset ${dir} as manifest.json lacks extra.lengthPoints/extra.shardSize`,
    );
  }
  const samplesSource = join(dir, "samples.csv");
  const planetsSource = join(dir, "planets.csv");
  const sampleRows = parseCsvRecords(await Deno.readTextFile(samplesSource), samplesSource);
  const planetRows = parseCsvRecords(await Deno.readTextFile(planetsSource), planetsSource);
  const samples: SampleRecord[] = sampleRows.map((row, i) => {
    const id = numberField(row, "sample_id", samplesSource);
    if (id !== i) {
      throw new RangeError(
        `Cannot read ${samplesSource} as row ${i + 2} has sample_id ${id}, expected ${i}`,
      );
    }
    const kind = row["kind"] as SampleKind;
    if (!SAMPLE_KINDS.includes(kind)) {
      throw new RangeError(
        `Cannot read ${samplesSource} as row ${i + 2} has kind "${kind}": allowed ${
          SAMPLE_KINDS.join(", ")
        }`,
      );
    }
    const split = row["split"] as Split;
    if (!SPLITS.includes(split)) {
      throw new RangeError(
        `Cannot read ${samplesSource} as row ${i + 2} has split "${split}": allowed ${
          SPLITS.join(", ")
        }`,
      );
    }
    return {
      id,
      kind,
      split,
      source: row["source"]!,
      mission: row["mission"]!,
      startDays: numberField(row, "start_days", samplesSource),
      validFraction: numberField(row, "valid_fraction", samplesSource),
      noisePpm: numberField(row, "noise_ppm", samplesSource),
      planets: [],
    };
  });
  for (const [r, row] of planetRows.entries()) {
    const id = numberField(row, "sample_id", planetsSource);
    const sample = samples[id];
    if (sample === undefined) {
      throw new RangeError(
        `Cannot read ${planetsSource} as row ${
          r + 2
        } names sample_id ${id}, which samples.csv lacks`,
      );
    }
    sample.planets.push({
      name: row["name"]!,
      injected: row["injected"] === "true",
      periodDays: numberField(row, "period_days", planetsSource),
      t0Days: numberField(row, "t0_days", planetsSource),
      depthPpm: numberField(row, "depth_ppm", planetsSource),
      durationHours: numberField(row, "duration_hours", planetsSource),
      nTransits: numberField(row, "n_transits", planetsSource),
      snr: numberField(row, "snr", planetsSource),
      detectable: row["detectable"] === "true",
    });
  }
  const flux = new Float32Array(samples.length * lengthPoints);
  const shards = Math.ceil(samples.length / shardSize);
  for (let s = 0; s < shards; s++) {
    const path = join(dir, "shards", shardName(s));
    const bytes = await Deno.readFile(path);
    const expected = Math.min(shardSize, samples.length - s * shardSize) * lengthPoints * 4;
    if (bytes.length !== expected) {
      throw new RangeError(
        `Cannot load dataset ${dir} as ${path} holds ${bytes.length} bytes, expected ${expected}`,
      );
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const base = s * shardSize * lengthPoints;
    for (let i = 0; i < expected / 4; i++) flux[base + i] = view.getFloat32(4 * i, true);
  }
  return { dir, samples, flux, lengthPoints, manifest, manifestPath };
}

/**
 * One sample's window (a view into the loaded flux).
 *
 * @param dataset Loaded dataset.
 * @param id Sample id.
 * @returns `lengthPoints` values, NaN = gap.
 */
export function sampleWindow(dataset: LoadedDataset, id: number): Float32Array {
  return dataset.flux.subarray(id * dataset.lengthPoints, (id + 1) * dataset.lengthPoints);
}

/** What {@linkcode findSample} matches (every given field must equal). */
export interface SampleQuery {
  source?: string;
  kind?: SampleKind;
  split?: Split;
  /** Require at least one detectable planet. */
  detectable?: boolean;
}

/**
 * The first sample matching a query (for notebooks and examples).
 *
 * @param dataset Loaded dataset.
 * @param query Fields to match.
 * @returns The sample.
 * @throws {RangeError} When no sample matches, naming the query.
 */
export function findSample(dataset: LoadedDataset, query: SampleQuery): SampleRecord {
  const found = dataset.samples.find((s) =>
    (query.source === undefined || s.source === query.source) &&
    (query.kind === undefined || s.kind === query.kind) &&
    (query.split === undefined || s.split === query.split) &&
    (query.detectable === undefined || s.planets.some((p) => p.detectable) === query.detectable)
  );
  if (found === undefined) {
    throw new RangeError(
      `Cannot find a sample matching ${JSON.stringify(query)} in dataset ${dataset.dir}`,
    );
  }
  return found;
}
