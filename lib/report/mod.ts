/**
 * Reports of the catalog slice: classification tables (CSV, JSON, Parquet)
 * with summary and manifest, catalog figure specs (Observable Plot options,
 * rendered by lib/plot), notebook figures, and the data card; and the
 * narrative discovery reports of one candidate or a whole run
 * (discovery/: Markdown, self-contained HTML, optional PDF).
 *
 * ```ts ignore
 * import { runClassification } from "../lib/classify/mod.ts";
 * import {
 *   buildCandidateReport, periodRadiusPlot, svgFigure, writeClassificationReports, writeReport,
 * } from "../lib/report/mod.ts";
 * const run = await runClassification({ table: "koi" });
 * await writeClassificationReports(run, "out/classify");   // tables, summary, figures, manifest
 * svgFigure(periodRadiusPlot(run.frame));                  // shows itself in a notebook
 * // Narrative discovery reports (discovery/mod.ts; `deno task report`):
 * const story = await buildCandidateReport("Kepler-10 b");  // document, facts, analyses
 * await writeReport(story.document, `out/reports/${story.slug}`, { kind: "discovery_report", ...story.manifest });
 * ```
 *
 * @module
 */
export * from "./catalog_figures.ts";
export * from "./svg_figure.ts";
export * from "./write_reports.ts";
export * from "./data_card.ts";
export * from "./model_card.ts";
export * from "./console_report.ts";
export * from "./discovery/mod.ts";
