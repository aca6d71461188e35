/**
 * The command-line frame every `tasks/*.ts` shares: strict option parsing with `--help`/`-h`
 * and a usage line on bad arguments (exit code 2), and the `import.meta.main` footer that turns
 * an uncaught error into one line on stderr (exit code 1).
 *
 * @module
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/** The `--help`/`-h` flag {@linkcode parseTaskArgs} adds to every task's options. */
const HELP_OPTION = { help: { type: "boolean", short: "h", default: false } } as const;

/** Options for {@linkcode parseTaskArgs}: the task's name and usage, plus `parseArgs` settings. */
export interface ParseTaskArgsOptions<
  O extends ParseArgsOptionsConfig,
  P extends boolean = false,
> {
  /** Name printed before every message, e.g. `"bench:ml"` gives `bench:ml: <message>`. */
  task: string;
  /** Usage text: printed on stdout for `--help`, and on stderr after a bad argument. */
  usage: string;
  /** Option definitions as for `parseArgs` from node:util; `--help`/`-h` is added. */
  options: O;
  /** Accept arguments that are not options (`positionals`). @default false */
  allowPositionals?: P;
}

/** What {@linkcode parseTaskArgs} returns when the task should go on: `values` and `positionals`. */
export type TaskArgs<O extends ParseArgsOptionsConfig, P extends boolean = false> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: O & typeof HELP_OPTION;
    strict: true;
    allowPositionals: P;
  }>
>;

/**
 * Parse a task's command line strictly (unknown options and missing values are errors).
 *
 * On a parse error prints `<task>: <message>` and the usage on stderr and returns exit code 2;
 * on `--help` or `-h` prints the usage on stdout and returns exit code 0. Otherwise returns the
 * parsed `values` and `positionals`; the caller returns a number as its exit code.
 *
 * @param args Command-line arguments (without the script name), e.g. `Deno.args`.
 * @param options The task name, usage text and option definitions.
 * @returns The parsed arguments, or the exit code to return at once (2 or 0).
 *
 * @example
 * ```ts
 * import { parseTaskArgs } from "./task_cli.ts";
 * const parsed = parseTaskArgs(["--repeats", "5"], {
 *   task: "bench:ml",
 *   usage: "usage: deno task bench:ml [--repeats 3]",
 *   options: { repeats: { type: "string", default: "3" } },
 * });
 * if (typeof parsed === "number" || parsed.values.repeats !== "5") throw new Error("not parsed");
 * ```
 */
export function parseTaskArgs<O extends ParseArgsOptionsConfig, P extends boolean = false>(
  args: string[],
  options: ParseTaskArgsOptions<O, P>,
): TaskArgs<O, P> | number {
  let parsed: TaskArgs<O, P>;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: options.allowPositionals ?? false,
      options: { ...options.options, ...HELP_OPTION },
    }) as TaskArgs<O, P>;
  } catch (error) {
    console.error(`${options.task}: ${(error as Error).message}\n${options.usage}`);
    return 2;
  }
  if ((parsed.values as { help: boolean }).help) {
    console.log(options.usage);
    return 0;
  }
  return parsed;
}

/**
 * Run a task's `main` on `Deno.args` and exit with its code; an error thrown by `main` is
 * printed as one line `<task>: <message>` on stderr and exits with code 1. Meant for the
 * footer `if (import.meta.main) await runTaskMain("train", main);`.
 *
 * @param task Name printed before the error message, e.g. `"train"`.
 * @param main The task: command-line arguments in, exit code out.
 * @returns Never: the process exits.
 */
export async function runTaskMain(
  task: string,
  main: (args: string[]) => number | Promise<number>,
): Promise<never> {
  let code: number;
  try {
    code = await main(Deno.args);
  } catch (error) {
    console.error(`${task}: ${(error as Error).message}`);
    Deno.exit(1);
  }
  Deno.exit(code);
}
