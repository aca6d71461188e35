/**
 * `deno task report --candidate <name> [--candidate <name> ...]`
 * `deno task report --run [DIR]`
 *   [--table ID] [--out DIR] [--config PATH] [--pdf] [--download] [--no-lightcurve]
 *   [--no-bls] [--no-ml] [--no-cnn] [--min-period DAYS] [--max-period DAYS] [--quiet]
 *
 * Narrative discovery reports. `--candidate` takes a KOI name (K00072.01, KOI-72.01), a planet
 * name (Kepler-10 b, WASP-126 b), a star (KIC 11904151, TIC 25155310, Kepler-10) or a TOI, and
 * writes <out>/<id>/report.md, a self-contained report.html, figures/*.svg, facts.json and
 * manifest.json. `--run` reports a whole classification: the folder `deno task classify` wrote
 * (DIR, e.g. out/classify) or, without DIR, a fresh classification of --table (default from
 * configs/report.yaml); it writes <out>/run/. `--pdf` also prints report.pdf with a headless
 * Chromium when one is installed (Debian: apt-get install chromium), and says why not otherwise.
 * Exits 1 with a one-line error on bad input, 2 on bad usage.
 */
import { join, relative } from "node:path";
import { runClassification } from "../lib/classify/mod.ts";
import type { ClassificationRun } from "../lib/classify/mod.ts";
import { parseTaskArgs, Progress, runTaskMain } from "../lib/io/mod.ts";
import {
  buildCandidateReport,
  buildRunReport,
  isCnnAssessment,
  isLightCurveAnalysis,
  isMlAssessment,
  loadReportConfig,
  loadRunSource,
  REPORT_CONFIG_PATH,
  runSourceFromClassification,
  writeReport,
  type WrittenReport,
} from "../lib/report/mod.ts";

const USAGE =
  "usage: deno task report --candidate <KOI | planet | KIC/TIC | host> [--candidate ...] | --run [DIR] [--table ID] [--out DIR] [--config PATH] [--pdf] [--download] [--no-lightcurve] [--no-bls] [--no-ml] [--no-cnn] [--min-period DAYS] [--max-period DAYS] [--quiet]";

function positiveNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`--${name} must be a number > 0: current value is "${text}"`);
  }
  return value;
}

function describeWritten(w: WrittenReport, cwd: string): string[] {
  const lines = [
    `  ${relative(cwd, w.markdown)}`,
    `  ${relative(cwd, w.html)}`,
    `  ${relative(cwd, w.facts)}, ${w.figures.length} figures in ${
      relative(cwd, join(w.dir, "figures"))
    }`,
  ];
  if (w.pdf !== null) lines.push(`  ${relative(cwd, w.pdf)}`);
  lines.push(`  ${relative(cwd, w.manifest)}`);
  if (w.removed.length > 0) {
    lines.push(`  removed stale: ${w.removed.map((p) => relative(cwd, p)).join(", ")}`);
  }
  return lines;
}

async function main(args: string[]): Promise<number> {
  const started = performance.now();
  const parsed = parseTaskArgs(args, {
    task: "report",
    usage: USAGE,
    allowPositionals: true,
    options: {
      candidate: { type: "string", multiple: true },
      run: { type: "boolean", default: false },
      table: { type: "string" },
      out: { type: "string" },
      config: { type: "string", default: REPORT_CONFIG_PATH },
      pdf: { type: "boolean", default: false },
      download: { type: "boolean", default: false },
      "no-lightcurve": { type: "boolean", default: false },
      "no-bls": { type: "boolean", default: false },
      "no-ml": { type: "boolean", default: false },
      "no-cnn": { type: "boolean", default: false },
      "min-period": { type: "string" },
      "max-period": { type: "string" },
      quiet: { type: "boolean", default: false },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const candidates = values.candidate ?? [];
  if (positionals.length > 0 && !values.run) {
    console.error(
      `report: unexpected argument "${
        positionals[0]
      }" (a folder is only taken after --run)\n${USAGE}`,
    );
    return 2;
  }
  if (candidates.length === 0 && !values.run) {
    console.error(`report: give --candidate <name> or --run [DIR]\n${USAGE}`);
    return 2;
  }
  if (positionals.length > 1) {
    console.error(
      `report: --run takes at most one folder: current values are ${
        positionals.join(", ")
      }\n${USAGE}`,
    );
    return 2;
  }
  const config = loadReportConfig(values.config);
  let minPeriod: number | undefined, maxPeriod: number | undefined;
  try {
    minPeriod = positiveNumber("min-period", values["min-period"]);
    maxPeriod = positiveNumber("max-period", values["max-period"]);
  } catch (error) {
    console.error(`report: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (minPeriod !== undefined) config.bls.minPeriodDays = minPeriod;
  if (maxPeriod !== undefined) config.bls.maxPeriodDays = maxPeriod;
  if (config.bls.minPeriodDays >= config.bls.maxPeriodDays) {
    console.error(
      `report: the BLS period range is empty: minPeriodDays ${config.bls.minPeriodDays} >= maxPeriodDays ${config.bls.maxPeriodDays}`,
    );
    return 2;
  }
  if (values.download) config.lightCurve.download = true;
  if (values["no-lightcurve"]) config.lightCurve.enabled = false;
  if (values["no-bls"]) config.bls.enabled = false;
  if (values["no-ml"]) config.ml.enabled = false;
  if (values["no-cnn"]) config.cnn.enabled = false;
  if (values.table !== undefined) {
    config.candidate.tables = [
      values.table,
      ...config.candidate.tables.filter((t) => t !== values.table),
    ];
    config.run.table = values.table;
  }
  const outBase = values.out ?? config.output.dir;
  const cwd = Deno.cwd();
  const log = values.quiet
    ? () => {}
    : (line: string) =>
      console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`);
  const runs = new Map<string, ClassificationRun>();
  let failed = 0;

  for (const query of candidates) {
    try {
      let progress: Progress | null = null;
      const report = await buildCandidateReport(query, {
        config,
        runs,
        log,
        command: `deno task report --candidate "${query}"`,
        blsProgress: values.quiet ? undefined : (done, total) => {
          progress ??= new Progress("BLS", { total, unit: "periods" });
          progress.update(done);
          if (done >= total) progress.done();
        },
      });
      const dir = join(outBase, report.slug);
      const written = await writeReport(report.document, dir, {
        kind: "discovery_report",
        ...report.manifest,
        pdf: values.pdf,
        pdfOptions: config.pdf,
      });
      const lc = report.lightCurve;
      const status = [
        `light curve: ${
          lc === null
            ? "off"
            : isLightCurveAnalysis(lc)
            ? `${lc.files.length} files, ${lc.cadencesPrepared} cadences`
            : `not available (${lc.unavailable})`
        }`,
        `BLS: ${
          lc !== null && isLightCurveAnalysis(lc) && lc.bls
            ? `best ${
              lc.bls.best?.periodDays.toFixed(6) ?? "none"
            } d (${lc.bls.relation}) from ${lc.bls.periodsSearched} periods in ${
              (lc.bls.elapsedMs / 1000).toFixed(1)
            } s`
            : lc !== null && isLightCurveAnalysis(lc)
            ? `not run (${lc.blsNote})`
            : "no light curve"
        }`,
        `ML: ${
          report.ml === null
            ? "off"
            : isMlAssessment(report.ml)
            ? `P(CONFIRMED) = ${report.ml.probability.toFixed(3)} (${report.ml.bundleName})`
            : `not available (${report.ml.unavailable})`
        }`,
        `CNN: ${
          report.cnn === null
            ? "off"
            : isCnnAssessment(report.cnn)
            ? `top ${report.cnn.top[0]?.refinedPeriodDays.toFixed(3) ?? "none"} d, P(transit) ${
              report.cnn.detectionProbability.toFixed(3)
            }`
            : `not available (${report.cnn.unavailable})`
        }`,
      ];
      console.log(`${query} → ${report.facts.id}: ${report.document.title}`);
      for (const s of status) console.log(`  ${s}`);
      console.log("wrote:");
      for (const line of describeWritten(written, cwd)) console.log(line);
      if (written.pdfNote !== null) console.error(`report: no PDF: ${written.pdfNote}`);
    } catch (error) {
      console.error(`report: ${(error as Error).message}`);
      failed++;
    }
  }

  if (values.run) {
    try {
      const dir = positionals[0];
      let source;
      if (dir !== undefined) {
        log(`reading the classification report in ${dir}`);
        source = await loadRunSource(dir);
      } else {
        const table = config.run.table;
        let run = runs.get(table);
        if (!run) {
          log(`classifying the ${table} table`);
          run = await runClassification({ table });
          runs.set(table, run);
        }
        source = runSourceFromClassification(run);
      }
      const report = await buildRunReport(source, {
        config,
        log,
        command: `deno task report --run${dir !== undefined ? ` ${dir}` : ""}`,
      });
      const written = await writeReport(report.document, join(outBase, "run"), {
        kind: "discovery_run_report",
        ...report.manifest,
        pdf: values.pdf,
        pdfOptions: config.pdf,
      });
      console.log(`run (${source.origin}): ${report.document.title}`);
      console.log("wrote:");
      for (const line of describeWritten(written, cwd)) console.log(line);
      if (written.pdfNote !== null) console.error(`report: no PDF: ${written.pdfNote}`);
    } catch (error) {
      console.error(`report: ${(error as Error).message}`);
      failed++;
    }
  }
  console.log(`wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return failed > 0 ? 1 : 0;
}

if (import.meta.main) await runTaskMain("report", main);

export { main };
