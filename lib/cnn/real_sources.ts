/**
 * Real light curves for the period CNN: the shared Kepler/TESS files listed in
 * `lightcurves/manifest.csv` (with their catalog ephemerides), the Q17 JSON-lines snippets,
 * and, when online, MAST downloads for a list of KOIs (ephemerides from the KOI table).
 *
 * Light curves are loaded through lib/lightcurve (`loadTargetLightCurve`: local copy, cache,
 * then MAST), so every file is read in place.
 *
 * @module
 */
import { type DataConfig, findLocalFile, loadDataConfig } from "../data/mod.ts";
import { LightCurve, loadTargetLightCurve } from "../lightcurve/mod.ts";
import { parseCsvRecords } from "../io/mod.ts";

/** A catalog transit signal of a real star. */
export interface CatalogSignal {
  /** KOI/TOI name, e.g. "K00517.01". */
  name: string;
  /** Planet name when confirmed ("" otherwise). */
  planetName: string;
  /** 2025 archive disposition (CONFIRMED, CANDIDATE, FALSE POSITIVE, ...). */
  disposition: string;
  /** Period, days. */
  periodDays: number;
  /** Mid-transit time, days, in the light curve's time system (BKJD or BTJD). */
  t0Days: number;
  /** Transit duration, hours. */
  durationHours: number;
  /**
   * Depth, ppm: the depth measured by folding this very light curve at the catalog ephemeris
   * (manifest `check_depth_ppm`) when present, else the catalog depth, else NaN. The measured
   * one wins because catalog depths can disagree with the data (K00958.01: 1,301 ppm in the
   * catalog, 142 ppm in the shared Q17 SAP flux).
   */
  depthPpm: number;
}

/** One real light curve and its catalog signals. */
export interface RealSource {
  /** Star label: "KIC 8015907", "TIC 25155310". */
  label: string;
  /** "Kepler" or "TESS". */
  mission: "Kepler" | "TESS";
  /** Where the flux comes from: mission FITS files (loaded by target) or a JSON-lines record. */
  origin: "fits" | "jsonl";
  /** For "jsonl": file path and 1-based line. */
  jsonl?: { path: string; line: number };
  /** Short description (product, origin). */
  description: string;
  /** Catalog signals on the star. */
  signals: CatalogSignal[];
}

/** Relative path of the shared light-curve manifest inside a data folder. */
export const LIGHTCURVE_MANIFEST = "lightcurves/manifest.csv";

function parseNumber(text: string | undefined): number {
  if (text === undefined || text.trim() === "") return NaN;
  return Number(text);
}

/**
 * The real light curves listed in the shared manifest, one entry per light curve (a star's
 * FITS set or one JSON-lines record), each with its catalog signals, in manifest order.
 *
 * @param dataConfig Data config. @default loadDataConfig()
 * @returns The sources; [] when no local manifest exists.
 */
export async function listSharedSources(
  dataConfig: DataConfig = loadDataConfig(),
): Promise<RealSource[]> {
  const manifestPath = findLocalFile([LIGHTCURVE_MANIFEST], dataConfig);
  if (manifestPath === null) return [];
  const rows = parseCsvRecords(await Deno.readTextFile(manifestPath), manifestPath);
  const byPath = new Map<string, RealSource>();
  for (const row of rows) {
    const path = row["path"] ?? "";
    let source = byPath.get(path);
    if (source === undefined) {
      const jsonl = /^(.*lightcurves\/)(.+\.jsonl)#line(\d+)$/.exec(path);
      const mission = row["mission"] === "TESS" ? "TESS" : "Kepler";
      let jsonlPath: { path: string; line: number } | undefined;
      if (jsonl) {
        const file = findLocalFile([`lightcurves/${jsonl[2]}`], dataConfig);
        if (file === null) continue;
        jsonlPath = { path: file, line: Number(jsonl[3]) };
      }
      source = {
        label: row["target"] ?? "",
        mission,
        origin: jsonl ? "jsonl" : "fits",
        ...(jsonlPath ? { jsonl: jsonlPath } : {}),
        description: row["product"] ?? "",
        signals: [],
      };
      byPath.set(path, source);
    }
    const catalogDepth = parseNumber(row["catalog_depth_ppm"]);
    const checkDepth = parseNumber(row["check_depth_ppm"]);
    const signal: CatalogSignal = {
      name: row["signal"] ?? "",
      planetName: row["planet_name"] ?? "",
      disposition: row["disposition_2025"] ?? "",
      periodDays: parseNumber(row["period_days"]),
      t0Days: parseNumber(row["t0"]),
      durationHours: parseNumber(row["duration_hours"]),
      depthPpm: Number.isFinite(checkDepth) ? checkDepth : catalogDepth,
    };
    if (!source.signals.some((s) => s.name === signal.name)) source.signals.push(signal);
  }
  return [...byPath.values()];
}

/**
 * Read one record of a JSON-lines light-curve file (`{"time": [...], "flux": [...], ...}` with
 * bare `NaN` tokens, as in the shared Q17 sample).
 *
 * @param path File path.
 * @param line 1-based line number.
 * @returns The light curve (NaN cadences kept).
 * @throws {RangeError} When the line is missing or lacks equal-length time and flux arrays.
 */
export async function readJsonlLightCurve(path: string, line: number): Promise<LightCurve> {
  const lines = (await Deno.readTextFile(path)).split("\n").filter((l) => l.trim() !== "");
  const text = lines[line - 1];
  if (text === undefined) {
    throw new RangeError(
      `Cannot read light curve ${path} line ${line} as the file has ${lines.length} lines`,
    );
  }
  const record = JSON.parse(text.replace(/\bNaN\b/g, "null")) as Record<string, unknown>;
  const time = record["time"];
  const flux = record["flux"];
  if (!Array.isArray(time) || !Array.isArray(flux) || time.length !== flux.length) {
    throw new RangeError(
      `Cannot read light curve ${path} line ${line} as it lacks equal-length "time" and "flux" arrays`,
    );
  }
  const toArray = (values: unknown[]) =>
    Float64Array.from(values, (v) => (typeof v === "number" ? v : NaN));
  return new LightCurve({
    time: toArray(time),
    flux: toArray(flux),
    meta: {
      target: String(record["name"] ?? ""),
      mission: "Kepler",
      timeSystem: "BKJD",
      cadenceMinutes: 29.4244,
      sources: [`${path}#line${line}`],
      history: [`read JSON lines ${path} line ${line}`],
    },
  });
}

/**
 * Load a real source's light curve: NaN time/flux cadences removed, each quarter/sector already
 * normalised by its median (FITS, via lib/lightcurve stitching) or the whole record normalised
 * (JSON lines).
 *
 * @param source A source from {@linkcode listSharedSources} or {@linkcode koiSources}.
 * @param dataConfig Data config. @default loadDataConfig()
 * @returns The light curve.
 */
export async function loadRealLightCurve(
  source: RealSource,
  dataConfig: DataConfig = loadDataConfig(),
): Promise<LightCurve> {
  if (source.origin === "jsonl") {
    const lc = await readJsonlLightCurve(source.jsonl!.path, source.jsonl!.line);
    return lc.removeNans().normalize();
  }
  const loaded = await loadTargetLightCurve(source.label, { dataConfig, progress: false });
  return loaded.lightCurve.removeNans();
}

/** Columns of the KOI table used for ephemerides. */
const KOI_TABLES = ["koi_cumulative_2025-10-04.csv", "cumulative_2019.csv", "koi_cumulative.csv"];

/**
 * Sources for a list of KOIs (light curves found locally or downloaded from MAST by
 * `loadRealLightCurve`), with every KOI of each star from the KOI table as its signals.
 *
 * @param koiNames KOI names such as "K00001.01".
 * @param dataConfig Data config. @default loadDataConfig()
 * @returns One source per distinct star, in list order.
 * @throws {Error} When no KOI table is available locally or a KOI is not in it.
 */
export async function koiSources(
  koiNames: readonly string[],
  dataConfig: DataConfig = loadDataConfig(),
): Promise<RealSource[]> {
  if (koiNames.length === 0) return [];
  const table = findLocalFile(KOI_TABLES, dataConfig);
  if (table === null) {
    throw new Error(
      `Cannot look up KOIs ${koiNames.join(", ")} as no KOI table (${
        KOI_TABLES.join(", ")
      }) is in the data folders`,
    );
  }
  const rows = parseCsvRecords(await Deno.readTextFile(table), table);
  const byKic = new Map<string, Record<string, string>[]>();
  for (const row of rows) {
    const kic = row["kepid"] ?? "";
    const list = byKic.get(kic) ?? [];
    list.push(row);
    byKic.set(kic, list);
  }
  const sources: RealSource[] = [];
  for (const name of koiNames) {
    const row = rows.find((r) => r["kepoi_name"] === name);
    if (row === undefined) {
      throw new Error(`Cannot look up KOI ${name} as it is not in ${table}`);
    }
    const label = `KIC ${Number(row["kepid"])}`;
    if (sources.some((s) => s.label === label)) continue;
    sources.push({
      label,
      mission: "Kepler",
      origin: "fits",
      description: `KOI list entry ${name}; ephemerides from ${table}`,
      signals: (byKic.get(row["kepid"] ?? "") ?? []).map((r) => ({
        name: r["kepoi_name"] ?? "",
        planetName: r["kepler_name"] ?? "",
        disposition: r["koi_disposition"] ?? "",
        periodDays: parseNumber(r["koi_period"]),
        t0Days: parseNumber(r["koi_time0bk"]),
        durationHours: parseNumber(r["koi_duration"]),
        depthPpm: parseNumber(r["koi_depth"]),
      })),
    });
  }
  return sources;
}
