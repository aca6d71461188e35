import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { parseTaskArgs } from "../../lib/io/mod.ts";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MODULE_URL = new URL("../../lib/io/task_cli.ts", import.meta.url).href;
const USAGE = "usage: deno task demo [--count N] [--fail] [--code N]";

/** A task built the way tasks/*.ts are: parseTaskArgs in main, runTaskMain in the footer. */
const DEMO_TASK = `import { parseTaskArgs, runTaskMain } from "${MODULE_URL}";

const USAGE = ${JSON.stringify(USAGE)};

async function main(args: string[]): Promise<number> {
  const parsed = parseTaskArgs(args, {
    task: "demo",
    usage: USAGE,
    options: {
      count: { type: "string", default: "1" },
      fail: { type: "boolean", default: false },
      code: { type: "string", default: "0" },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  await Promise.resolve();
  if (values.fail) throw new RangeError("Cannot run demo as --fail was given: current value is true");
  console.log(\`count \${values.count}\`);
  return Number(values.code);
}

if (import.meta.main) await runTaskMain("demo", main);
`;

let demoPath: string | undefined;

async function demo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (demoPath === undefined) {
    const dir = await Deno.makeTempDir({ prefix: "exohunter-task-cli-" });
    demoPath = join(dir, "demo.ts");
    await Deno.writeTextFile(demoPath, DEMO_TASK);
  }
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", join(REPO_ROOT, "deno.json"), demoPath, ...args],
    cwd: REPO_ROOT,
    env: { RUST_BACKTRACE: "0", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("task cli: parsed options reach main and its return value is the exit code", async () => {
  const ok = await demo(["--count", "3"]);
  assert.deepEqual(ok, { code: 0, stdout: "count 3\n", stderr: "" });
  const defaults = await demo([]);
  assert.deepEqual(defaults, { code: 0, stdout: "count 1\n", stderr: "" });
  const failed = await demo(["--code", "1"]);
  assert.deepEqual(failed, { code: 1, stdout: "count 1\n", stderr: "" });
});

Deno.test("task cli: a bad option exits 2 with a message naming the task, then the usage", async () => {
  const unknown = await demo(["--bogus"]);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stdout, "");
  const lines = unknown.stderr.split("\n");
  assert.match(lines[0]!, /^demo: Unknown option '--bogus'/);
  assert.deepEqual(lines.slice(1), [USAGE, ""]);

  const missingValue = await demo(["--count"]);
  assert.equal(missingValue.code, 2);
  assert.match(missingValue.stderr, /^demo: Option '--count <value>' argument missing\n/);
  assert.ok(missingValue.stderr.endsWith(`\n${USAGE}\n`), missingValue.stderr);

  const positional = await demo(["extra"]);
  assert.equal(positional.code, 2);
  assert.match(positional.stderr, /^demo: Unexpected argument 'extra'/);
  assert.ok(positional.stderr.endsWith(`\n${USAGE}\n`), positional.stderr);
});

Deno.test("task cli: --help and -h print the usage on stdout and exit 0", async () => {
  for (const flag of ["--help", "-h"]) {
    const help = await demo(["--count", "3", flag]);
    assert.deepEqual(help, { code: 0, stdout: `${USAGE}\n`, stderr: "" }, flag);
  }
  const bad = await demo(["--help", "--bogus"]);
  assert.equal(bad.code, 2, "a bad option wins over --help");
});

Deno.test("task cli: an error thrown in main exits 1 with one line naming the task", async () => {
  const thrown = await demo(["--fail"]);
  assert.deepEqual(thrown, {
    code: 1,
    stdout: "",
    stderr: "demo: Cannot run demo as --fail was given: current value is true\n",
  });
});

Deno.test("parseTaskArgs returns values and positionals when positionals are allowed", () => {
  const parsed = parseTaskArgs(["a.fits", "--out", "x", "b.fits"], {
    task: "demo",
    usage: USAGE,
    options: { out: { type: "string" }, plot: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  assert.notEqual(typeof parsed, "number");
  if (typeof parsed === "number") return;
  assert.deepEqual(parsed.positionals, ["a.fits", "b.fits"]);
  assert.equal(parsed.values.out, "x");
  assert.equal(parsed.values.plot, false);
  assert.equal(parsed.values.help, false);
});
