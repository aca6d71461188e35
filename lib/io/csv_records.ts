/**
 * Small CSV tables the kit writes and reads itself (dataset indexes, light-curve manifests,
 * evaluation tables): RFC 4180 fields (double quotes, `""` escapes, quoted commas and newlines),
 * `#` comment lines and blank lines skipped between records, and strict field counts. Large
 * catalog tables go through Polars (lib/catalog), not through this.
 *
 * @module
 */

/** A value a CSV cell can hold when writing. */
export type CsvValue = string | number | boolean | null;

/**
 * Format one CSV field: numbers as shortest round-trip text, null and NaN as empty, text quoted
 * only when it holds a comma, quote or line break.
 *
 * @param value The value.
 * @returns The field text.
 */
export function csvField(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isNaN(value) ? "" : String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * CSV text from a header and rows (LF line endings, trailing newline).
 *
 * @param header Column names.
 * @param rows Rows, each as long as the header.
 * @returns The CSV text.
 *
 * @example
 * ```ts
 * import { csvText } from "./csv_records.ts";
 * if (csvText(["a", "b"], [[1, "x,y"]]) !== 'a,b\n1,"x,y"\n') throw new Error("bad CSV");
 * ```
 */
export function csvText(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map(csvField).join(",")];
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new RangeError(
        `Cannot write CSV row ${
          lines.length + 1
        } as it has ${row.length} fields but the header has ${header.length}`,
      );
    }
    lines.push(row.map(csvField).join(","));
  }
  return lines.join("\n") + "\n";
}

/** Options for {@linkcode parseCsvRecords}. */
export interface ParseCsvOptions {
  /** Keep only these columns (each must be in the header). @default every column */
  columns?: readonly string[];
}

const COMMA = 44, QUOTE = 34, LF = 10, CR = 13, HASH = 35;

/**
 * Parse CSV text into records keyed by header name (every value a string).
 *
 * @param text CSV text.
 * @param source File name (or other label) for error messages.
 * @param options Column selection.
 * @returns One record per data row.
 * @throws {RangeError} Naming `source` and the line when a row's field count differs from the
 *   header's, a quoted field is never closed or text follows a closing quote; naming the column
 *   when a requested column is not in the header.
 *
 * @example
 * ```ts
 * import { parseCsvRecords } from "./csv_records.ts";
 * const rows = parseCsvRecords('# comment\nid,name\n1,"Kepler-10 b"\n', "planets.csv");
 * if (rows[0]!.name !== "Kepler-10 b") throw new Error("bad parse");
 * ```
 */
export function parseCsvRecords(
  text: string,
  source: string,
  options: ParseCsvOptions = {},
): Record<string, string>[] {
  const records: string[][] = [];
  const recordLines: number[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const first = text.charCodeAt(i);
    if (first === HASH || first === LF || first === CR) {
      // a comment or blank line between records
      let end = text.indexOf("\n", i);
      if (end < 0) end = n;
      i = end + 1;
      line++;
      continue;
    }
    const startLine = line;
    const row: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        let value = "";
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            throw new RangeError(
              `Cannot read ${source} as the quoted field starting on line ${startLine} is never closed`,
            );
          }
          value += text.slice(from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        for (let k = value.indexOf("\n"); k >= 0; k = value.indexOf("\n", k + 1)) line++;
        row.push(value);
      } else {
        let end = i;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === COMMA || c === LF || c === CR) break;
          end++;
        }
        row.push(text.slice(i, end));
        i = end;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR || c === LF) {
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        break;
      }
      throw new RangeError(`Cannot read ${source} as line ${line} has text after a closing quote`);
    }
    records.push(row);
    recordLines.push(startLine);
  }
  const header = records[0] ?? [];
  const wanted = options.columns ?? header;
  const index = wanted.map((column) => {
    const k = header.indexOf(column);
    if (k < 0) {
      throw new RangeError(
        `Cannot read ${source} as it has no column "${column}" (columns: ${header.join(", ")})`,
      );
    }
    return k;
  });
  const out: Record<string, string>[] = [];
  for (let r = 1; r < records.length; r++) {
    const values = records[r]!;
    if (values.length !== header.length) {
      throw new RangeError(
        `Cannot read ${source} as line ${
          recordLines[r]
        } has ${values.length} fields but the header has ${header.length}`,
      );
    }
    const record: Record<string, string> = {};
    for (let k = 0; k < wanted.length; k++) record[wanted[k]!] = values[index[k]!]!;
    out.push(record);
  }
  return out;
}
