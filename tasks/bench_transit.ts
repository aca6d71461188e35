/**
 * `deno task bench:transit [--points N] [--repeats K]`
 *
 * Times the transit model on the benchmark: 1,000,000 time stamps, about two thirds
 * of them in transit, quadratic limb darkening (batman needs about 0.08 s for this on our
 * machines). Prints points per second and the speed ratio against batman for:
 *   - cold: a new TransitModel for the grid, then one light curve (what one call costs);
 *   - warm: another light curve on the same model (a fit or injection loop);
 *   - exact: the analytic kernel at every point (no interpolation table);
 *   - nonlinear: the four-parameter law (numerical, error-controlled, table for long grids);
 *   - kepler-lc: a 4-year Kepler long-cadence grid (65,000 points) supersampled ×31.
 * Each case reports the fastest and the median of K repeats (the machine is shared: the
 * fastest is the least disturbed run), plus the load average at the start, and the largest
 * difference between the table and exact results (the table must stay far below 1 ppm).
 */
import { parseArgs } from "node:util";
import {
  transitContacts,
  TransitModel,
  type TransitModelOptions,
  type TransitParams,
} from "../lib/transit/mod.ts";
import { runTaskMain } from "../lib/io/mod.ts";

/** batman's time for the benchmark on this machine (from the issue). */
const BATMAN_SECONDS = 0.08;

const PLANET: TransitParams = {
  periodDays: 3,
  t0: 0,
  rpOverRs: 0.1,
  aOverRs: 10,
  inclinationDeg: 88.5,
  limbDarkeningLaw: "quadratic",
  limbDarkeningCoefficients: [0.4, 0.26],
};

function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

function timeRuns(repeats: number, run: () => void): { minS: number; medianS: number } {
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const start = performance.now();
    run();
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return { minS: times[0]!, medianS: times[times.length >> 1]! };
}

function report(
  name: string,
  points: number,
  t: { minS: number; medianS: number },
  batman: boolean,
): void {
  const rate = (points / t.minS / 1e6).toFixed(1);
  const ratio = batman
    ? `  ${(BATMAN_SECONDS / t.minS).toFixed(2)}× batman's speed (median run ${
      (BATMAN_SECONDS / t.medianS).toFixed(2)
    }×)`
    : "";
  console.log(
    `${name.padEnd(10)} ${(t.minS * 1000).toFixed(1).padStart(7)} ms (median ${
      (t.medianS * 1000).toFixed(1)
    } ms)  ${rate.padStart(6)} M points/s${ratio}`,
  );
}

/**
 * Run the benchmark.
 *
 * @param args Command-line arguments.
 * @returns Exit code.
 */
export function main(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      points: { type: "string", default: "1000000" },
      repeats: { type: "string", default: "7" },
    },
  });
  const n = Number(values.points);
  const repeats = Number(values.repeats);
  if (!(Number.isInteger(n) && n > 0) || !(Number.isInteger(repeats) && repeats > 0)) {
    console.error(
      `bench:transit: --points and --repeats must be positive integers: current values are "${values.points}", "${values.repeats}"`,
    );
    return 2;
  }
  const contacts = transitContacts(PLANET);
  const t14 = contacts.t4Days - contacts.t1Days;
  // The grid spans 1.5 × T14 centred on mid-transit: two thirds of the points are in transit.
  const time = Float64Array.from({ length: n }, (_, i) => -0.75 * t14 + (1.5 * t14 * i) / (n - 1));
  console.log(
    `bench:transit: ${n.toLocaleString("en-US")} points, Rp/Rs 0.1, b ${
      (10 * Math.cos((88.5 * Math.PI) / 180)).toFixed(3)
    }, quadratic [0.4, 0.26]; batman reference ${BATMAN_SECONDS} s; load average ${loadAverage()}; Deno ${Deno.version.deno}`,
  );
  const out = new Float64Array(n);
  const build = (options: TransitModelOptions = {}) => new TransitModel(time, options);

  // Warm the JIT on a small grid first so the timed runs measure steady-state code.
  for (let k = 0; k < 3; k++) new TransitModel(time.subarray(0, 50000)).lightCurve(PLANET);

  const cold = timeRuns(repeats, () => build().lightCurve(PLANET, out));
  let inTransit = 0;
  for (const f of out) if (f < 1) inTransit++;
  console.log(`in transit: ${(inTransit / n * 100).toFixed(1)} % of the points`);
  report("cold", n, cold, true);

  const model = build();
  model.lightCurve(PLANET, out);
  report("warm", n, timeRuns(repeats, () => model.lightCurve(PLANET, out)), true);

  const exactModel = build({ method: "exact" });
  const exact = new Float64Array(n);
  report(
    "exact",
    n,
    timeRuns(Math.max(1, Math.ceil(repeats / 2)), () => exactModel.lightCurve(PLANET, exact)),
    true,
  );
  let worst = 0;
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(out[i]! - exact[i]!));
  console.log(
    `table vs exact: largest difference ${worst.toExponential(2)} (${
      (worst * 1e6).toExponential(2)
    } ppm)`,
  );

  const nonlinear: TransitParams = {
    ...PLANET,
    limbDarkeningLaw: "nonlinear",
    limbDarkeningCoefficients: [0.5, 0.1, 0.3, -0.2],
  };
  report(
    "nonlinear",
    n,
    timeRuns(Math.max(1, Math.ceil(repeats / 2)), () => build().lightCurve(nonlinear, out)),
    false,
  );

  // A 4-year Kepler long-cadence grid, supersampled ×31 (what an injection into Kepler data costs).
  const cadence = 29.4244 / 1440;
  const kepler = Float64Array.from({ length: 71400 }, (_, i) => 131.5 + i * cadence);
  const keplerPlanet = { ...PLANET, t0: 133.1, periodDays: 3.7 };
  report(
    "kepler-lc",
    kepler.length,
    timeRuns(
      repeats,
      () => new TransitModel(kepler, { exposureMinutes: 29.4244 }).lightCurve(keplerPlanet),
    ),
    false,
  );
  return 0;
}

if (import.meta.main) await runTaskMain("bench:transit", main);
