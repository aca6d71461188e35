/**
 * From a target name to its light curve: resolve "Kepler-585", "Kepler-589 c",
 * "KOI-5", "K00005.01", "KIC 8015907", "WASP-126" or "TIC 25155310" to a Kepler
 * KIC or TESS TIC number, find the star's light-curve files in the local data
 * folders (configs/data.yaml `localDirs`, e.g. ../shared/data/lightcurves) or
 * the cache, download them from MAST when neither has them (unless offline),
 * and stitch them.
 *
 * Names are resolved through the ids themselves (KIC/TIC prefixes), the local
 * `lightcurves/manifest.csv` (planet, KOI/TOI and star names), and the KOI
 * cumulative table (Kepler names and KOI numbers → KIC).
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { type DataConfig, findLocalFile, loadDataConfig } from "../data/mod.ts";
import { parseCsvRecords } from "../io/mod.ts";
import { LightCurve } from "./light_curve.ts";
import {
  downloadKeplerLightCurves,
  downloadTessLightCurves,
  type KeplerCadence,
  kic9,
} from "./mast.ts";
import { readLightCurveFits, type ReadLightCurveOptions } from "./read_fits.ts";

/** A target resolved to a mission star id. */
export interface ResolvedTarget {
  /** What the user asked for. */
  query: string;
  /** "Kepler" (KIC) or "TESS" (TIC). */
  mission: "Kepler" | "TESS";
  /** KIC number for Kepler targets. */
  kicId?: number;
  /** TIC number for TESS targets. */
  ticId?: number;
  /** Canonical label: "KIC 8015907" or "TIC 25155310". */
  label: string;
  /** How it was resolved: "id", "manifest" or "koi-table" (with the file). */
  resolvedBy: string;
}

/** Options for target resolution and loading. */
export interface TargetOptions {
  /** Data config (local folders, cache, offline flag, MAST URLs). @default loadDataConfig() */
  dataConfig?: DataConfig;
  /** Kepler cadence. @default "long" */
  cadence?: KeplerCadence;
  /** Show download progress (default: terminal only). */
  progress?: boolean;
}

const KOI_TABLES = ["koi_cumulative_2025-10-04.csv", "cumulative_2019.csv", "koi_cumulative.csv"];

/** Lower-case, without spaces, hyphens and underscores: "Kepler-585 b" → "kepler585b". */
function key(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, "");
}

/** Keys under which a KOI name is known: K00005.01 → k00005.01, koi5.01, k00005, koi5. */
function koiKeys(kepoiName: string): string[] {
  const m = /^K(\d{5})\.(\d{2})$/i.exec(kepoiName.trim());
  if (!m) return [key(kepoiName)];
  const number = String(Number(m[1]));
  return [`k${m[1]}.${m[2]}`, `koi${number}.${m[2]}`, `k${m[1]}`, `koi${number}`];
}

/** Keys for a planet name and its host: "Kepler-589 c" → kepler589c, kepler589. */
function planetKeys(planetName: string): string[] {
  const k = key(planetName);
  const host = /^(.*\d)([a-z])$/.exec(k);
  return host ? [k, host[1]!] : [k];
}

function idFromLabel(label: string): { mission: "Kepler" | "TESS"; id: number } | null {
  const m = /^(KIC|TIC)\s*-?\s*(\d+)$/i.exec(label.trim());
  if (!m) return null;
  return { mission: m[1]!.toUpperCase() === "KIC" ? "Kepler" : "TESS", id: Number(m[2]) };
}

function resolved(
  query: string,
  mission: "Kepler" | "TESS",
  id: number,
  resolvedBy: string,
): ResolvedTarget {
  return mission === "Kepler"
    ? { query, mission, kicId: id, label: `KIC ${id}`, resolvedBy }
    : { query, mission, ticId: id, label: `TIC ${id}`, resolvedBy };
}

/**
 * Resolve a target name to a Kepler KIC or TESS TIC number.
 *
 * @param query "KIC 8015907", "TIC 25155310", "Kepler-585", "Kepler-589 c", "KOI-5", "K00005.01", "WASP-126"...
 * @param options See {@linkcode TargetOptions}.
 * @returns The resolved target.
 * @throws {Error} When the name is unknown to every source, naming the files consulted.
 */
export async function resolveTarget(
  query: string,
  options: TargetOptions = {},
): Promise<ResolvedTarget> {
  const direct = idFromLabel(query);
  if (direct) return resolved(query, direct.mission, direct.id, "id");
  const config = options.dataConfig ?? loadDataConfig();
  const wanted = key(query);
  const consulted: string[] = [];
  // 1. the local light-curve manifest: planet names, KOI/TOI names, star labels
  const manifest = findLocalFile(["lightcurves/manifest.csv"], config);
  if (manifest) {
    consulted.push(manifest);
    const rows = parseCsvRecords(await Deno.readTextFile(manifest), manifest, {
      columns: ["target", "signal", "planet_name"],
    });
    for (const row of rows) {
      const keys = [
        ...planetKeys(row["planet_name"] ?? ""),
        ...koiKeys(row["signal"] ?? ""),
        key(row["signal"] ?? ""),
        key(row["target"] ?? ""),
      ].filter((k) => k !== "");
      // TOI-114.01 also answers to TOI-114
      const toi = /^(toi\d+)\.\d+$/.exec(key(row["signal"] ?? ""));
      if (toi) keys.push(toi[1]!);
      if (keys.includes(wanted)) {
        const id = idFromLabel(row["target"] ?? "");
        if (id) return resolved(query, id.mission, id.id, `manifest ${manifest}`);
      }
    }
  }
  // 2. the KOI table: Kepler names and KOI numbers → KIC
  const koi = findLocalFile(KOI_TABLES, config);
  if (koi) {
    consulted.push(koi);
    const rows = parseCsvRecords(await Deno.readTextFile(koi), koi, {
      columns: ["kepid", "kepoi_name", "kepler_name"],
    });
    for (const row of rows) {
      const keys = [...koiKeys(row["kepoi_name"] ?? ""), ...planetKeys(row["kepler_name"] ?? "")];
      if (keys.includes(wanted)) {
        return resolved(query, "Kepler", Number(row["kepid"]), `koi-table ${koi}`);
      }
    }
  }
  throw new Error(
    `Cannot resolve target ${
      JSON.stringify(query)
    } as it is not "KIC <number>" or "TIC <number>" and no entry matches it in ${
      consulted.length > 0 ? consulted.join(" or ") : "any local manifest or KOI table (none found)"
    }`,
  );
}

async function walkFits(dir: string, out: string[]): Promise<void> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory) await walkFits(path, out);
    else if (e.isFile && /\.fits(\.gz)?$/i.test(e.name)) out.push(path);
  }
}

/**
 * Light-curve files of a resolved target already on disk: every local data
 * folder's `lightcurves/` tree, then the cache's. Kepler files are recognised
 * by name (`kplr<kic9>-*_llc.fits`), TESS files by `-<tic16>-` and `_lc.fits`.
 * The first folder holding any file wins (files of one star are not mixed
 * across copies).
 *
 * @param target Resolved target.
 * @param options See {@linkcode TargetOptions}.
 * @returns Paths, sorted by file name (chronological for both missions); [] when none.
 */
export async function findLocalLightCurveFiles(
  target: ResolvedTarget,
  options: TargetOptions = {},
): Promise<string[]> {
  const config = options.dataConfig ?? loadDataConfig();
  const suffix = (options.cadence ?? "long") === "long" ? "llc" : "slc";
  const pattern = target.mission === "Kepler"
    ? new RegExp(`^kplr${kic9(target.kicId!)}-\\d+_${suffix}\\.fits(\\.gz)?$`, "i")
    : new RegExp(
      `^tess\\d+-s\\d+-${String(target.ticId!).padStart(16, "0")}-\\d+-[a-z]_lc\\.fits(\\.gz)?$`,
      "i",
    );
  for (const root of [...config.localDirs, config.cacheDir]) {
    const files: string[] = [];
    await walkFits(join(root, "lightcurves"), files);
    const matching = files.filter((f) => pattern.test(basename(f)));
    if (matching.length > 0) {
      // one copy of the star: the folder holding the first match
      const folder = dirname(matching.sort()[0]!);
      return matching.filter((f) => dirname(f) === folder).sort((a, b) =>
        basename(a) < basename(b) ? -1 : basename(a) > basename(b) ? 1 : 0
      );
    }
  }
  return [];
}

/** Result of {@linkcode loadTargetLightCurve}. */
export interface TargetLightCurve {
  target: ResolvedTarget;
  /** Files read, in order. */
  files: string[];
  /** Where they came from: "local", "cache" or "download". */
  source: "local" | "cache" | "download";
  /** The stitched light curve (each file normalised by its median). */
  lightCurve: LightCurve;
}

/**
 * Resolve a target, find or download its light curves and stitch them.
 *
 * @param query Target name or id (see {@linkcode resolveTarget}).
 * @param options Target options plus FITS reading options (flux column, quality bitmask).
 * @returns Target, files and the stitched light curve.
 * @throws {Error} When nothing is found locally and downloads are disabled or fail.
 */
export async function loadTargetLightCurve(
  query: string,
  options: TargetOptions & ReadLightCurveOptions = {},
): Promise<TargetLightCurve> {
  const config = options.dataConfig ?? loadDataConfig();
  const target = await resolveTarget(query, { ...options, dataConfig: config });
  let files = await findLocalLightCurveFiles(target, { ...options, dataConfig: config });
  let source: TargetLightCurve["source"] =
    files.length > 0 && !files[0]!.startsWith(config.cacheDir) ? "local" : "cache";
  if (files.length === 0) {
    if (config.offline) {
      throw new Error(
        `Cannot load light curves for ${target.label} (${query}) as none are in ${
          [...config.localDirs, config.cacheDir].map((d) => join(d, "lightcurves")).join(", ")
        } and downloads are disabled (offline)`,
      );
    }
    files = target.mission === "Kepler"
      ? await downloadKeplerLightCurves(target.kicId!, config, options)
      : await downloadTessLightCurves(target.ticId!, config, options);
    source = "download";
  }
  const parts: LightCurve[] = [];
  for (const f of files) parts.push(await readLightCurveFits(f, options));
  const stitched = LightCurve.stitch(parts);
  return { target, files, source, lightCurve: stitched };
}
