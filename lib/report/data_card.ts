/**
 * The data card (data_card.md): what each catalog table is, where it comes
 * from, how it maps onto the canonical schema, how complete it is, how the
 * recomputed physics agrees with it, and how the rule-based classifier labels
 * it. Built from real classification runs, so every number in it is measured.
 *
 * @module
 */
import { markdownTable } from "../ml/markdown_table.ts";
import { basename } from "node:path";
import type { ClassificationRun } from "../classify/run_classification.ts";
import type { CatalogSpec } from "../catalog/registry.ts";
import type { SchemaMap } from "../catalog/schema_map.ts";
import { DERIVED_COLUMNS } from "../physics/derive.ts";
import { CATEGORIES, TAGS } from "../classify/classify.ts";

/** One table in the card: a run, or why there is none. */
export interface DataCardEntry {
  /** Registry id. */
  table: string;
  /** Registry entry. */
  spec: CatalogSpec;
  /** The classification run, when the table could be loaded. */
  run: ClassificationRun | null;
  /** Hex sha256 of the file read. */
  sha256: string | null;
  /** Why the table is missing from this card (no local copy, offline...). */
  unavailable: string | null;
}

/** Options for {@linkcode buildDataCard}. */
export interface DataCardOptions {
  /** Schema map (for the canonical-schema table). */
  schemaMap: SchemaMap;
  /** Command that regenerates the card. @default "deno task cards" */
  command?: string;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** A Markdown table (cells escaped by markdownTable; `deno fmt` aligns it when the card is written). */
const table = (header: string[], rows: string[][]): string =>
  markdownTable(header, rows).markdown.trimEnd();

function nullShares(run: ClassificationRun): { column: string; share: number }[] {
  const frame = run.catalog.frame;
  const counts = frame.nullCount().toRecords()[0] as Record<string, number>;
  return frame.columns.map((column) => ({
    column,
    share: frame.height > 0 ? Number(counts[column] ?? 0) / frame.height : 0,
  }));
}

function datasetSection(entry: DataCardEntry, map: SchemaMap): string {
  const { spec, run } = entry;
  const title = `### ${spec.title} (\`${entry.table}\`)`;
  if (run === null) {
    return [
      title,
      "",
      `- Source: ${spec.provenance}; archive table \`${spec.archiveTable ?? "none"}\`.`,
      ...spec.notes.map((note) => `- ${note}`),
      "",
      `Not measured in this card: ${entry.unavailable ?? "not loaded"}.`,
      "",
    ].join("\n");
  }
  const { catalog, summary } = run;
  const out: string[] = [title, ""];
  out.push(
    `- Source: ${spec.provenance}; ${
      spec.archiveTable === null
        ? "a dated snapshot (not downloadable)"
        : `archive table \`${spec.archiveTable}\``
    }.`,
    `- File: \`${
      basename(catalog.file.path)
    }\` (${catalog.file.format.toUpperCase()}, ${catalog.file.bytes} bytes${
      catalog.file.snapshotDate ? `, archive snapshot ${catalog.file.snapshotDate}` : ""
    }), sha256 \`${entry.sha256 ?? "?"}\`.`,
    `- Shape: ${catalog.frame.height} rows × ${catalog.file.columns.length} columns; identifier \`${spec.idColumn}\` (duplicates ${
      spec.duplicateIds === "expected" ? "expected" : "flagged"
    }).`,
  );
  for (const note of spec.notes) out.push(`- ${note}`);
  out.push("");

  const values = catalog.mapping.mapped.filter((m) => m.role === "value");
  const renamed = values.filter((m) => m.kind !== "identity");
  out.push(
    `**Schema mapping** (layout \`${catalog.mapping.table}\`): ${values.length} canonical columns (+${
      catalog.mapping.mapped.length - values.length
    } uncertainty columns), ${catalog.mapping.unmapped.length} carried through unmapped.${
      renamed.length > 0
        ? ` Renamed/converted: ${
          renamed.map((m) =>
            m.kind === "constant"
              ? `\`${m.canonical}\` = "${m.constant}"`
              : `\`${m.source}\` → \`${m.canonical}\`${m.scale !== null ? ` (×${m.scale})` : ""}${
                m.values !== null ? " (values mapped, source kept)" : ""
              }`
          ).join(", ")
        }.`
        : ""
    }`,
    "",
  );

  const dispositions = Object.entries(summary.byDisposition)
    .map(([d, counts]) => [d, Object.values(counts).reduce((a, b) => a + b, 0)] as const)
    .sort((a, b) => b[1] - a[1]);
  out.push(
    `**Labels** (\`koi_disposition\`): ${
      dispositions.map(([d, n]) => `${d} ${n} (${pct(n / summary.rows)})`).join(", ")
    }.`,
    "",
  );

  const shares = new Map(nullShares(run).map((s) => [s.column, s.share]));
  const key = values.filter((m) => m.kind !== "constant").map((m) => m.canonical);
  out.push("**Completeness of the canonical columns** (share of rows with a value):", "");
  out.push(table(
    ["column", "unit", "present"],
    key.map((c) => [`\`${c}\``, map.canonical[c]?.unit ?? "", pct(1 - (shares.get(c) ?? 0))]),
  ));
  const empty = [...shares.entries()].filter(([, s]) => s === 1).map(([c]) => `\`${c}\``);
  out.push(
    "",
    empty.length > 0
      ? `Columns empty in every row: ${empty.join(", ")}.`
      : "No column is empty in every row.",
    "",
  );

  out.push(
    `**Input problems**: ${catalog.issues.length} row-level issue${
      catalog.issues.length === 1 ? "" : "s"
    }${catalog.issues.length > 0 ? ` (e.g. ${catalog.issues[0]!.message})` : ""}.`,
    "",
  );

  const agreement = run.agreement.filter((a) => a.n > 0);
  out.push("**Recomputed physics vs the catalog's own values** (rows where both exist):", "");
  out.push(
    agreement.length > 0
      ? table(
        [
          "quantity",
          "recomputed vs catalog",
          "rows",
          "median abs. rel. difference",
          "median ratio",
          "within 10 %",
        ],
        agreement.map((a) => [
          a.quantity,
          `\`${a.calcColumn}\` vs \`${a.catalogColumn}\``,
          String(a.n),
          pct(a.medianRelDiff),
          a.medianRatio.toFixed(3),
          pct(a.shareWithin10pct),
        ]),
      )
      : "The table has none of the catalog columns the physics recomputes.",
    "",
  );

  out.push("**Rule-based categories** (configs/thresholds.yaml):", "");
  out.push(table(
    ["category", "rows", "share"],
    summary.categories.map((c) => [c.category, String(c.count), pct(c.share)]),
  ));
  out.push("", `Tags: ${summary.tags.map((t) => `${t.tag} ${t.count}`).join(", ")}.`, "");
  return out.join("\n");
}

/**
 * Build data_card.md from classification runs of the registered tables.
 *
 * @param entries One entry per table (runs, or why a table is missing).
 * @param options Schema map and the regenerating command.
 * @returns Markdown text ending in a newline (no timestamps: same runs, same text).
 */
export function buildDataCard(entries: readonly DataCardEntry[], options: DataCardOptions): string {
  const command = options.command ?? "deno task cards";
  const map = options.schemaMap;
  const out: string[] = [
    "# Data card: ExoHunter catalog tables",
    "",
    `Generated by \`${command}\` from a full load → physics → classification run of each table`,
    "(lib/report/data_card.ts). Do not edit by hand: change the code or configs and regenerate.",
    "",
    "## Datasets",
    "",
    table(
      ["id", "table", "file", "snapshot", "rows", "columns", "sha256 (first 12)"],
      entries.map((e) =>
        e.run === null ? [`\`${e.table}\``, e.spec.title, "(not available)", "", "", "", ""] : [
          `\`${e.table}\``,
          e.spec.title,
          `\`${basename(e.run.catalog.file.path)}\``,
          e.run.catalog.file.snapshotDate ?? "",
          String(e.run.catalog.frame.height),
          String(e.run.catalog.file.columns.length),
          e.sha256 ? `\`${e.sha256.slice(0, 12)}\`` : "",
        ]
      ),
    ),
    "",
    "All tables are public data of the NASA Exoplanet Archive (NExScI/IPAC, operated by Caltech",
    'under contract with NASA), fetched from its TAP service or its "Download Table → CSV" format.',
    "Acknowledge the archive when using them. The local snapshots of ../shared/data are byte-for-byte",
    "copies taken from public repositories (see ../shared/data/README.md for sources and commits).",
    "",
    "## Intended use and limits",
    "",
    "- Intended: exploring and classifying transiting-planet signals, training and evaluating tabular",
    '  models (the 2019 and 2025 KOI snapshots give a "later confirmed" test), and cross-checking',
    "  catalog physics.",
    "- Labels are archive dispositions, not ground truth: candidates are unresolved, and a small",
    "  share of dispositions change over time (see the 2019 → 2025 KOI changes).",
    "- The rule-based categories are heuristics with documented thresholds; `anomalous_signal`",
    "  marks rows worth a human look (impossible values or physically inconsistent signals), not",
    "  discoveries.",
    "- Derived physics assumes circular orbits, a Bond albedo of 0.3 and full heat redistribution",
    "  (configs/physics.yaml); stellar masses from logg are uncertain by ~25 %.",
    "",
    "## Tables",
    "",
  ];
  for (const entry of entries) out.push(datasetSection(entry, map));
  out.push("## Canonical schema", "");
  out.push(
    "Every table is loaded into these KOI-style columns (lib/catalog, configs/schema_map.yaml); all",
    "other input columns are carried through unchanged.",
    "",
  );
  out.push(table(
    ["column", "type", "unit", "uncertainties", "meaning"],
    Object.entries(map.canonical).map(([name, c]) => [
      `\`${name}\``,
      c.type,
      c.unit ?? "",
      c.errors ? "_err1 / _err2" : "",
      c.description,
    ]),
  ));
  out.push("", "## Derived columns", "", "Added by lib/physics (units in the names):", "");
  out.push(table(
    ["column", "meaning"],
    DERIVED_COLUMNS.map((c) => [`\`${c.name}\``, c.description]),
  ));
  out.push(
    "",
    "## Classification columns",
    "",
    `- \`category\`: exactly one of ${CATEGORIES.map((c) => `\`${c}\``).join(", ")}.`,
    `- \`tags\`: any of ${
      TAGS.map((t) => `\`${t}\``).join(", ")
    } (\`;\`-separated; confirmed planets and candidates only).`,
    "- `score`: planet score in [0, 1] (disposition prior blended with koi_score, times penalties).",
    "- `flags`: machine-readable reasons (`;`-separated), `reason`: the same in words,",
    "  `input_issues`: values that could not be read (the row is kept).",
    "",
  );
  return out.join("\n");
}
