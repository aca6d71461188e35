/**
 * `deno task inject --input <file.fits|folder|synthetic> (--period D --depth PPM | --planets FILE)
 *   --out FILE.csv|FILE.parquet [options]`
 *
 * Reads a light curve (one FITS file, a folder of FITS files stitched quarter by quarter, or a
 * seeded synthetic light curve), multiplies in the transits of one or more planets (Mandel &
 * Agol model, exposure-averaged like the data) and writes:
 *   FILE.csv / FILE.parquet        columns time, flux, flux_err, quality, model (one row per cadence)
 *   FILE.truth.json                what was injected: parameters, depth, durations, transit times
 *   FILE.manifest.json             inputs' sha256, resolved config, seed, versions, row counts
 *   FILE.planetK.svg               with --plot: the light curve (flattened for display, injected
 *                                  transits masked) folded on planet K, binned, with the model
 * Prints one line per planet. Exits 2 on bad arguments, 1 on bad input, with a one-line error.
 *
 * Planet options (one planet; use --planets for several): --period D (required), --t0 T
 * (default: first time + period/2), --depth PPM or --rp-over-rs R (one required), --impact B
 * or --inclination DEG, --a-over-rs A or --density G_CM3, --eccentricity E, --omega DEG,
 * --ld-law uniform|linear|quadratic|nonlinear, --ld c1,c2,... Defaults: configs/synthetic.yaml.
 * --planets FILE: a JSON array of planet objects with the same fields in camelCase
 * (periodDays, t0, depthPpm or rpOverRs, impactParameter or inclinationDeg, aOverRs or
 * stellarDensityGcm3, eccentricity, omegaDeg, limbDarkeningLaw, limbDarkeningCoefficients).
 */
import { basename, dirname, extname, join } from "node:path";
import pl from "nodejs-polars";
import {
  buildManifest,
  parseTaskArgs,
  runTaskMain,
  writeFileAtomic,
  writeManifest,
  writeViaTempPath,
} from "../lib/io/mod.ts";
import {
  type LightCurve,
  listLightCurveFiles,
  readLightCurveFits,
  readLightCurveFolder,
} from "../lib/lightcurve/mod.ts";
import { writePlot } from "../lib/plot/mod.ts";
import {
  injectionFoldPlot,
  injectTransits,
  type LimbDarkeningLaw,
  loadSyntheticConfig,
  type PlanetSpec,
  SYNTHETIC_CONFIG_PATH,
  type SyntheticConfig,
  syntheticLightCurve,
  transitParamsFromSpec,
} from "../lib/transit/mod.ts";
import type { ResolvedTransitParams } from "../lib/transit/mod.ts";

const USAGE =
  "usage: deno task inject --input <file.fits|folder|synthetic> (--period D (--depth PPM | --rp-over-rs R) | --planets FILE.json) --out FILE.csv|FILE.parquet [--t0 T] [--impact B | --inclination DEG] [--a-over-rs A | --density G_CM3] [--eccentricity E] [--omega DEG] [--ld-law LAW] [--ld c1,c2] [--exposure-minutes M] [--supersample N] [--seed N] [--preset kepler|tess] [--baseline-days D] [--flux-column NAME] [--quality-bitmask none|default|hard|hardest|N] [--no-normalize] [--plot] [--config PATH]";

/** Thrown for bad command-line arguments (exit code 2). */
class UsageError extends Error {}

function numberOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value)) {
    throw new UsageError(`--${name} must be a number: current value is "${raw}"`);
  }
  return value;
}

interface LoadedInput {
  lightCurve: LightCurve;
  kind: "fits" | "folder" | "synthetic";
  files: string[];
}

async function loadInput(
  input: string,
  values: Record<string, string | boolean | undefined>,
  config: SyntheticConfig,
  seed: number,
): Promise<LoadedInput> {
  const normalize = config.inject.normalize && !values["no-normalize"];
  const readOptions = {
    fluxColumn: values["flux-column"] as string | undefined,
    qualityBitmask: parseBitmask(values["quality-bitmask"] as string | undefined),
  };
  if (input === "synthetic") {
    const preset = (values.preset as string | undefined) ?? config.synthetic.preset;
    if (preset !== "kepler" && preset !== "tess") {
      throw new UsageError(`--preset must be one of kepler, tess: current value is "${preset}"`);
    }
    const baselineDays = numberOption(
      "baseline-days",
      values["baseline-days"] as string | undefined,
    );
    const lightCurve = syntheticLightCurve({
      ...config.synthetic,
      preset,
      ...(baselineDays !== undefined ? { baselineDays } : {}),
      seed,
    });
    return { lightCurve, kind: "synthetic", files: [] };
  }
  let stat: Deno.FileInfo;
  try {
    stat = await Deno.stat(input);
  } catch {
    throw new Error(
      `Cannot read input ${input} as it does not exist (give a .fits file, a folder of them, or "synthetic")`,
    );
  }
  if (stat.isDirectory) {
    const files = await listLightCurveFiles(input);
    const lightCurve = await readLightCurveFolder(input, { ...readOptions, normalize });
    return { lightCurve, kind: "folder", files };
  }
  let lightCurve = await readLightCurveFits(input, readOptions);
  if (normalize) lightCurve = lightCurve.normalize();
  return { lightCurve, kind: "fits", files: [input] };
}

function parseBitmask(
  raw: string | undefined,
): "none" | "default" | "hard" | "hardest" | number | undefined {
  if (raw === undefined) return undefined;
  if (raw === "none" || raw === "default" || raw === "hard" || raw === "hardest") return raw;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new UsageError(
      `--quality-bitmask must be none, default, hard, hardest or a non-negative integer: current value is "${raw}"`,
    );
  }
  return value;
}

function firstFiniteTime(time: Float64Array): number {
  for (const t of time) if (Number.isFinite(t)) return t;
  return 0;
}

const PLANET_KEYS = new Set([
  "periodDays",
  "t0",
  "rpOverRs",
  "depthPpm",
  "aOverRs",
  "stellarDensityGcm3",
  "inclinationDeg",
  "impactParameter",
  "eccentricity",
  "omegaDeg",
  "limbDarkeningLaw",
  "limbDarkeningCoefficients",
]);

async function planetSpecs(
  values: Record<string, string | boolean | undefined>,
  config: SyntheticConfig,
  firstTime: number,
): Promise<{ specs: PlanetSpec[]; source: string | null }> {
  const defaults = config.inject;
  const withDefaults = (spec: Partial<PlanetSpec>): PlanetSpec => ({
    stellarDensityGcm3: defaults.stellarDensityGcm3,
    eccentricity: defaults.eccentricity,
    omegaDeg: defaults.omegaDeg,
    limbDarkeningLaw: defaults.limbDarkeningLaw as LimbDarkeningLaw,
    limbDarkeningCoefficients: spec.limbDarkeningLaw !== undefined &&
        spec.limbDarkeningLaw !== defaults.limbDarkeningLaw
      ? undefined
      : defaults.limbDarkeningCoefficients,
    ...(spec.inclinationDeg === undefined ? { impactParameter: defaults.impactParameter } : {}),
    ...spec,
    periodDays: spec.periodDays!,
    t0: spec.t0 ?? firstTime + spec.periodDays! / 2,
  });
  const file = values.planets as string | undefined;
  if (file !== undefined) {
    if (values.period !== undefined) throw new UsageError("give --planets or --period, not both");
    let parsed: unknown;
    try {
      parsed = JSON.parse(await Deno.readTextFile(file));
    } catch (error) {
      throw new Error(`Cannot read planets from ${file} as ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed) || parsed.length === 0) {
      throw new Error(
        `Cannot read planets from ${file} as it must hold a non-empty JSON array of planet objects`,
      );
    }
    const specs = parsed.map((entry, i) => {
      if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
        throw new Error(`Cannot read planets from ${file} as planets[${i}] is not an object`);
      }
      for (const key of Object.keys(entry)) {
        if (!PLANET_KEYS.has(key)) {
          throw new Error(
            `Cannot read planets from ${file} as planets[${i}] has unknown key "${key}"; allowed keys: ${
              [...PLANET_KEYS].join(", ")
            }`,
          );
        }
      }
      const spec = entry as Partial<PlanetSpec>;
      if (typeof spec.periodDays !== "number") {
        throw new Error(
          `Cannot read planets from ${file} as planets[${i}].periodDays must be a number: current value is ${
            JSON.stringify(spec.periodDays)
          }`,
        );
      }
      return withDefaults(spec);
    });
    return { specs, source: file };
  }
  const periodDays = numberOption("period", values.period as string | undefined);
  if (periodDays === undefined) throw new UsageError("--period (or --planets) is required");
  const depthPpm = numberOption("depth", values.depth as string | undefined);
  const rpOverRs = numberOption("rp-over-rs", values["rp-over-rs"] as string | undefined);
  if ((depthPpm === undefined) === (rpOverRs === undefined)) {
    throw new UsageError("give exactly one of --depth and --rp-over-rs");
  }
  const ldRaw = values.ld as string | undefined;
  const limbDarkeningCoefficients = ldRaw === undefined
    ? undefined
    : ldRaw.split(",").map((part, i) => {
      const value = Number(part);
      if (part.trim() === "" || !Number.isFinite(value)) {
        throw new UsageError(`--ld must be comma-separated numbers: value ${i + 1} is "${part}"`);
      }
      return value;
    });
  const spec: Partial<PlanetSpec> = { periodDays };
  const set = <K extends keyof PlanetSpec>(key: K, value: PlanetSpec[K] | undefined): void => {
    if (value !== undefined) spec[key] = value;
  };
  set("t0", numberOption("t0", values.t0 as string | undefined));
  set("depthPpm", depthPpm);
  set("rpOverRs", rpOverRs);
  set("impactParameter", numberOption("impact", values.impact as string | undefined));
  set("inclinationDeg", numberOption("inclination", values.inclination as string | undefined));
  set("aOverRs", numberOption("a-over-rs", values["a-over-rs"] as string | undefined));
  set("stellarDensityGcm3", numberOption("density", values.density as string | undefined));
  set("eccentricity", numberOption("eccentricity", values.eccentricity as string | undefined));
  set("omegaDeg", numberOption("omega", values.omega as string | undefined));
  set("limbDarkeningLaw", values["ld-law"] as LimbDarkeningLaw | undefined);
  set("limbDarkeningCoefficients", limbDarkeningCoefficients);
  if (spec.impactParameter !== undefined && spec.inclinationDeg !== undefined) {
    throw new UsageError("give --impact or --inclination, not both");
  }
  if (spec.aOverRs !== undefined && values.density !== undefined) {
    throw new UsageError("give --a-over-rs or --density, not both");
  }
  return { specs: [withDefaults(spec)], source: null };
}

function csvText(columns: [string, Float64Array | Int32Array][]): string {
  const n = columns[0]![1].length;
  const lines = [columns.map(([name]) => name).join(",")];
  for (let i = 0; i < n; i++) {
    lines.push(
      columns.map(([, values]) => {
        const v = values[i]!;
        return Number.isNaN(v) ? "" : String(v);
      }).join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/**
 * Run the task.
 *
 * @param args Command-line arguments.
 * @returns Exit code: 0 ok, 1 bad input, 2 bad arguments.
 */
export async function main(args: string[]): Promise<number> {
  const parsed = parseTaskArgs(args, {
    task: "inject",
    usage: USAGE,
    options: {
      input: { type: "string" },
      out: { type: "string" },
      planets: { type: "string" },
      period: { type: "string" },
      t0: { type: "string" },
      depth: { type: "string" },
      "rp-over-rs": { type: "string" },
      impact: { type: "string" },
      inclination: { type: "string" },
      "a-over-rs": { type: "string" },
      density: { type: "string" },
      eccentricity: { type: "string" },
      omega: { type: "string" },
      "ld-law": { type: "string" },
      ld: { type: "string" },
      "exposure-minutes": { type: "string" },
      supersample: { type: "string" },
      seed: { type: "string" },
      preset: { type: "string" },
      "baseline-days": { type: "string" },
      "flux-column": { type: "string" },
      "quality-bitmask": { type: "string" },
      "no-normalize": { type: "boolean", default: false },
      plot: { type: "boolean", default: false },
      config: { type: "string" },
    },
  });
  if (typeof parsed === "number") return parsed;
  const values: Record<string, string | boolean | undefined> = parsed.values;
  try {
    const input = values.input as string | undefined;
    const out = values.out as string | undefined;
    if (input === undefined) throw new UsageError("--input is required");
    if (out === undefined) throw new UsageError("--out is required");
    const format = extname(out).toLowerCase();
    if (format !== ".csv" && format !== ".parquet") {
      throw new UsageError(`--out must end in .csv or .parquet: current value is "${out}"`);
    }
    const configPath = (values.config as string | undefined) ?? SYNTHETIC_CONFIG_PATH;
    const config = loadSyntheticConfig(configPath);
    const seed = numberOption("seed", values.seed as string | undefined) ?? config.seed;
    if (!Number.isInteger(seed)) {
      throw new UsageError(`--seed must be an integer: current value is "${values.seed}"`);
    }
    const exposureMinutes = numberOption(
      "exposure-minutes",
      values["exposure-minutes"] as string | undefined,
    );
    const supersample = numberOption("supersample", values.supersample as string | undefined);

    const loaded = await loadInput(input, values, config, seed);
    const lc = loaded.lightCurve;
    const { specs, source } = await planetSpecs(values, config, firstFiniteTime(lc.time));
    const planets: ResolvedTransitParams[] = specs.map((spec, i) =>
      transitParamsFromSpec(
        spec,
        "Cannot inject transits",
        specs.length > 1 || source ? `planets[${i}].` : "",
      )
    );
    const result = injectTransits(lc, planets, {
      ...(exposureMinutes !== undefined ? { exposureMinutes } : {}),
      ...(supersample !== undefined ? { supersample } : {}),
    });

    const stem = join(dirname(out), basename(out, extname(out)));
    const truthPath = `${stem}.truth.json`;
    const manifestPath = `${stem}.manifest.json`;
    const injected = result.lightCurve;
    const columns: [string, Float64Array | Int32Array][] = [
      ["time", injected.time],
      ["flux", injected.flux],
      ["flux_err", injected.fluxErr],
      ["quality", injected.quality],
      ["model", result.model],
    ];
    if (format === ".csv") {
      await writeFileAtomic(out, csvText(columns));
    } else {
      const frame = pl.DataFrame(
        Object.fromEntries(columns.map(([name, values]) => [name, Array.from(values)])),
      );
      await writeViaTempPath(out, (tmp) => frame.writeParquet(tmp));
    }
    const truth = {
      input: {
        kind: loaded.kind,
        path: loaded.kind === "synthetic" ? null : input,
        target: injected.meta.target ?? null,
        mission: injected.meta.mission ?? null,
        timeSystem: injected.meta.timeSystem ?? null,
        cadences: injected.length,
      },
      exposureMinutes: result.exposureMinutes,
      supersample: result.supersample,
      planets: result.truth,
      history: injected.meta.history,
    };
    await writeFileAtomic(truthPath, JSON.stringify(truth, null, 2) + "\n");
    const figures: string[] = [];
    if (values.plot) {
      // Shown flattened (0.75-d biweight, the injected transits masked) so stellar
      // variability does not hide the transit; the written data stay unflattened.
      const flat = injected.flatten({
        windowDays: 0.75,
        transitMask: result.truth.filter((t) => t.durationHours > 0).map((t) => ({
          periodDays: t.params.periodDays,
          epoch: t.params.t0,
          durationHours: t.durationHours,
        })),
      });
      for (const t of result.truth) {
        const path = `${stem}.planet${t.index}.svg`;
        const spec = injectionFoldPlot(flat.time, flat.flux, t, {
          exposureMinutes: result.exposureMinutes,
        });
        await writePlot(path, spec);
        figures.push(path);
      }
    }
    const inputs = [...loaded.files, configPath, ...(source ? [source] : [])];
    const manifest = await buildManifest("injected_light_curve", {
      inputs,
      outputs: [out, truthPath, ...figures],
      config: {
        args,
        config,
        planets: specs,
        exposureMinutes: result.exposureMinutes,
        supersample: result.supersample,
      },
      seed: loaded.kind === "synthetic" ? seed : null,
      rowCounts: { input: lc.length, output: injected.length, planets: planets.length },
      extra: {
        inTransitPoints: result.truth.map((t) => t.inTransitPoints),
        transitsCovered: result.truth.map((t) => t.transitTimes.length),
      },
    });
    await writeManifest(manifestPath, manifest);
    console.log(
      `inject: ${loaded.kind} ${
        injected.meta.target ?? input
      }, ${injected.length} cadences, exposure ${result.exposureMinutes} min × ${result.supersample}`,
    );
    for (const t of result.truth) {
      console.log(
        `  planet ${t.index}: P=${t.params.periodDays} d, t0=${t.params.t0}, Rp/Rs=${
          t.params.rpOverRs.toFixed(5)
        }, b=${t.impactParameter.toFixed(3)}, depth ${t.depthPpm.toFixed(1)} ppm, T14 ${
          t.durationHours.toFixed(3)
        } h, ${t.transitTimes.length} transits in data (${t.missedTransitTimes.length} in gaps), ${t.inTransitPoints} in-transit points`,
      );
    }
    console.log(`  wrote ${[out, truthPath, ...figures, manifestPath].join(", ")}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`inject: ${error.message}\n${USAGE}`);
      return 2;
    }
    console.error(`inject: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.main) await runTaskMain("inject", main);
