/**
 * `deno task fetch [--table ID|all] [--force] [--offline]`
 *
 * Makes registered catalog tables available: a local copy (configs/data.yaml localDirs, e.g.
 * ../shared/data) is used as is; otherwise the cached download; otherwise the table is
 * downloaded from the NASA Exoplanet Archive TAP service (CSV) into cache/catalogs/ with a
 * progress line and its sha256 beside it. --force downloads again; --offline never touches the
 * network. Prints where each table is, its size and sha256. Exits 1 if any table is missing.
 */
import { relative } from "node:path";
import { loadCatalogRegistry, resolveCatalogFile, withSha256 } from "../lib/catalog/mod.ts";
import { loadDataConfig } from "../lib/data/mod.ts";
import { parseTaskArgs, runTaskMain } from "../lib/io/mod.ts";

const USAGE = "usage: deno task fetch [--table koi|koi2019|toi|k2|ps|all] [--force] [--offline]";

async function main(args: string[]): Promise<number> {
  const parsed = parseTaskArgs(args, {
    task: "fetch",
    usage: USAGE,
    options: {
      table: { type: "string", default: "all" },
      force: { type: "boolean", default: false },
      offline: { type: "boolean", default: false },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  const registry = loadCatalogRegistry();
  const dataConfig = loadDataConfig();
  if (values.offline) dataConfig.offline = true;
  const tables = values.table === "all" ? Object.keys(registry.tables) : [values.table];
  let failed = 0;
  for (const table of tables) {
    try {
      const file = await withSha256(
        await resolveCatalogFile(table, { registry, dataConfig, forceDownload: values.force }),
      );
      const bytes = (await Deno.stat(file.path)).size;
      console.log(
        `${table.padEnd(8)} ${file.origin.padEnd(8)} ${
          relative(Deno.cwd(), file.path)
        } ${bytes} bytes sha256 ${file.sha256}`,
      );
    } catch (error) {
      failed += 1;
      console.error(`${table.padEnd(8)} missing  ${(error as Error).message}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

if (import.meta.main) await runTaskMain("fetch", main);
