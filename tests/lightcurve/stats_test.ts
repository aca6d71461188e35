import assert from "node:assert/strict";
import { Prng } from "../../lib/random/mod.ts";
import { _medianInPlace } from "../../lib/lightcurve/_stats.ts";

function referenceMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

Deno.test("quickselect median equals the sort-based median on odd, even, tied and tiny inputs", () => {
  const prng = new Prng(7);
  for (let trial = 0; trial < 300; trial++) {
    const n = 1 + prng.int(60);
    const ties = trial % 3 === 0;
    const values = Array.from({ length: n }, () => (ties ? prng.int(5) : prng.normal()));
    const scratch = new Float64Array(n + 5).fill(99); // values beyond n must be ignored
    values.forEach((v, i) => (scratch[i] = v));
    assert.equal(_medianInPlace(scratch, n), referenceMedian(values), `trial ${trial}: ${values}`);
  }
  assert.ok(Number.isNaN(_medianInPlace(new Float64Array(3), 0)));
});
