/**
 * `deno task notebooks [--in-place] [--out-dir DIR] [NOTEBOOK ...]`
 *
 * Executes notebooks (default: every notebooks/*.ipynb, in name order) through
 * the Deno kernel and writes executed copies to out/notebooks/ (or in place).
 * Exits 1 when any cell fails.
 */
import { parseArgs } from "node:util";
import { runNotebooks } from "../lib/notebook/mod.ts";
import { runTaskMain } from "../lib/io/mod.ts";

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "in-place": { type: "boolean", default: false },
      "out-dir": { type: "string", default: "out/notebooks" },
      "timeout": { type: "string", default: "900" },
    },
  });

  let paths = positionals;
  if (paths.length === 0) {
    paths = [];
    for (const entry of Deno.readDirSync("notebooks")) {
      if (entry.isFile && entry.name.endsWith(".ipynb")) paths.push(`notebooks/${entry.name}`);
    }
    paths.sort();
  }
  const result = await runNotebooks(paths, {
    inPlace: values["in-place"],
    outDir: values["out-dir"],
    cellTimeoutS: Number(values.timeout),
  });
  return result.ok ? 0 : 1;
}

if (import.meta.main) await runTaskMain("notebooks", main);
