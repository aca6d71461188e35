/**
 * Shared checks for the notebook tests: the committed notebook is clean (no outputs, the Deno
 * kernelspec, cells that call lib/ and define nothing), and typed access to an executed
 * notebook's outputs.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { REPO_ROOT } from "../../lib/data/mod.ts";

/** A Jupyter output (the fields the tests read). */
export interface Output {
  output_type: string;
  name?: string;
  text?: string;
  data?: Record<string, string>;
}

/** A Jupyter cell (the fields the tests read). */
export interface Cell {
  cell_type: string;
  source: string[] | string;
  outputs?: Output[];
}

/** A parsed notebook. */
export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
}

/** Absolute path of `notebooks/<name>`. */
export function notebookPath(name: string): string {
  return join(REPO_ROOT, "notebooks", name);
}

/** Read and parse a notebook file. */
export async function readNotebook(path: string): Promise<Notebook> {
  return JSON.parse(await Deno.readTextFile(path));
}

/**
 * Assert that a committed notebook has no outputs, the Deno kernelspec, and no function
 * definitions in its code cells (logic lives in lib/, where it is type-checked and tested).
 */
export async function assertCleanNotebook(path: string): Promise<void> {
  const nb = await readNotebook(path);
  assert.deepEqual(nb.metadata.kernelspec, {
    name: "deno",
    display_name: "Deno",
    language: "typescript",
  }, path);
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    assert.deepEqual(cell.outputs, [], path);
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    assert.doesNotMatch(
      source,
      /\bfunction\b|=>/,
      `${path}: cells call lib/, they define nothing:\n${source}`,
    );
  }
}

/** Every output of the code cells, in order. */
export function outputsOf(nb: Notebook): Output[] {
  return nb.cells.filter((c) => c.cell_type === "code").flatMap((c) => c.outputs ?? []);
}

/** The SVG figures among the outputs. */
export function svgsOf(nb: Notebook): string[] {
  return outputsOf(nb).map((o) => o.data?.["image/svg+xml"]).filter((s): s is string =>
    s !== undefined
  );
}

/** The text/markdown outputs, joined by newlines. */
export function markdownOf(nb: Notebook): string {
  return outputsOf(nb).map((o) => o.data?.["text/markdown"]).filter((s): s is string =>
    s !== undefined
  ).join("\n");
}

/** The printed (stream) text, concatenated. */
export function streamTextOf(nb: Notebook): string {
  return outputsOf(nb).filter((o) => o.output_type === "stream").map((o) => o.text).join("");
}

/** Assert that no cell of an executed notebook produced an error output. */
export function assertNoErrors(nb: Notebook, label: string): void {
  const errors = outputsOf(nb).filter((o) => o.output_type === "error");
  assert.equal(errors.length, 0, `${label}: ${JSON.stringify(errors).slice(0, 2000)}`);
}
