/**
 * The numerical core of the box-least-squares search (Kovács, Zucker & Mazeh
 * 2002): typed arrays in, one best box per trial frequency out. No validation
 * here; `bls.ts` is the API layer.
 *
 * ## Model
 * At trial frequency f (period P = 1/f) the phase of a point is frac(t·f), with
 * t measured from the first point. The orbit is cut into nb = ceil(P / binDays)
 * equal phase bins; a trial box starts at bin s and covers d bins (d = the trial
 * duration in bins, rounded, ≥ 1), wrapping around the orbit. With weights
 * w = 1/σ² and data y centred on their weighted mean, a box with in-transit
 * weighted sum Y_in and weight W_in (out of total W) has
 *
 *   depth = −Y_in · W / (W_in · W_out),      W_out = W − W_in
 *   power = Δχ²/2 = ½ · Y_in² · W / (W_in · W_out)  (= ½ · (depth / σ_depth)²)
 *
 * where σ_depth² = 1/W_in + 1/W_out. Maximising the log-likelihood gain (power)
 * is therefore the same as maximising the depth SNR, and equals Kovács' SR²·W/2.
 * Only dips (depth > 0) count. Boxes of the shortest duration start at every bin;
 * a box of d bins starts every max(1, ⌊d · binDays / shortest duration⌋) bins, so
 * every box is placed to the same fraction of its own length.
 *
 * ## Speed
 * Per frequency, the points are binned in phase (one pass), the bins are turned
 * into cyclic cumulative sums, and every (start, duration) box is read from two
 * differences, as in astropy's "fast" method. On top of that, neighbouring trial
 * frequencies can share work (`maxDriftBins` > 0): the light curve is cut into K
 * time chunks, each chunk is folded once at a reference frequency f_g, and the
 * profile at a nearby frequency f_g + ε is the sum of the chunk profiles each
 * rotated by round(τ_c·ε·nb) bins (τ_c = chunk mid-time). A point at t then sits
 * at most |t − τ_c|·|ε|·nb ≤ maxDriftBins bins (plus ½ bin of rounding) away from
 * its exact bin. With more than 4 chunks the fold writes prefix rows P_c (sums of
 * chunks [0, c), each row starting as a native copy of the previous one; only the rows
 * some member reads are kept), and a member's profile telescopes into rot(P_K, s_last)
 * plus one term per run of chunks sharing a rotation; since neighbouring runs differ by
 * one bin, each term is a single rotated difference row D_c = P_c − rot(P_c, 1) (built
 * once per group, on demand), and the terms are added two per pass over the profile. Two
 * consecutive groups with the same chunking are folded in one pass over the points. Group sizes and K are chosen per frequency
 * ({@linkcode planBls}) to minimise the estimated work. The box scan compares
 * scores by cross-multiplication (no division per box). With
 * `maxDriftBins = 0` every frequency is folded exactly, and the result equals the
 * brute-force {@linkcode blsReference} (bls_reference.ts) box for box.
 *
 * @module
 */

/** Options for {@linkcode blsKernel}. */
export interface BlsKernelOptions {
  /** Width of a phase bin in days (the phase resolution). */
  binDays: number;
  /**
   * Largest phase error, in bins, allowed when neighbouring frequencies share
   * chunk folds; 0 folds every frequency exactly.
   */
  maxDriftBins: number;
  /** Boxes with in-transit (or out-of-transit) weight below this are skipped. */
  minWeightIn: number;
  /** Called after each group of frequencies with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Best box per trial frequency. */
export interface BlsKernelResult {
  /** Δχ²/2 of the best box (0 when no dip was found). */
  power: Float64Array;
  /** Depth of the best box, in the units of y (positive = dip). */
  depth: Float64Array;
  /** Duration of the best box in days (bins × bin width at that period). */
  durationDays: Float64Array;
  /** Mid-transit phase of the best box in cycles, [0, 1), relative to time 0. */
  midPhase: Float64Array;
  /** In-transit weight W_in of the best box. */
  weightIn: Float64Array;
  /** Total weight W. */
  weightTotal: number;
  /** Index into the durations array of the best box (−1 when none). */
  durationIndex: Int32Array;
}

interface Chunking {
  count: number;
  start: Int32Array; // first point index of chunk c
  end: Int32Array; // one past the last point index
  mid: Float64Array; // (first time + last time) / 2
  maxHalfSpan: number; // max over chunks of (last − first) / 2
}

function makeChunking(time: Float64Array, count: number): Chunking {
  const n = time.length;
  const t0 = time[0]!, t1 = time[n - 1]!;
  const span = t1 - t0;
  const start = new Int32Array(count), end = new Int32Array(count);
  const mid = new Float64Array(count);
  let maxHalfSpan = 0;
  let i = 0;
  for (let c = 0; c < count; c++) {
    const limit = c === count - 1 ? Infinity : t0 + (span * (c + 1)) / count;
    start[c] = i;
    while (i < n && time[i]! < limit) i++;
    end[c] = i;
    if (end[c]! > start[c]!) {
      const a = time[start[c]!]!, b = time[end[c]! - 1]!;
      mid[c] = 0.5 * (a + b);
      if (0.5 * (b - a) > maxHalfSpan) maxHalfSpan = 0.5 * (b - a);
    }
  }
  return { count, start, end, mid, maxHalfSpan };
}

const CHUNK_COUNTS = [1, 2, 4, 8, 16, 32, 64, 128, 256];
/** Relative cost of folding one point versus adding one profile value (measured, roughly). */
const FOLD_COST = 2.5;

/**
 * How a frequency grid is worked through: frequencies in ascending order, cut
 * into groups that share one fold (`groups` holds start, end (exclusive) and
 * chunk count per group, indices into `sortedFrequencies`). Depends only on the
 * times, the grid and the options, so splitting the groups among workers gives
 * the same numbers as one pass.
 */
export interface BlsPlan {
  /** Frequencies ascending. */
  sortedFrequencies: Float64Array;
  /** sortedFrequencies[m] = frequencies[order[m]]. */
  order: Uint32Array;
  /** Triples (start, end, chunk count) per group. */
  groups: Int32Array;
}

/**
 * Plan the groups of {@linkcode blsKernel}: for each run of neighbouring
 * frequencies, the chunk count K and group size minimising the estimated work
 * (a fold of every point, then K rotated chunk profiles added per member)
 * within the phase-error budget.
 *
 * @param time Times in days from the first point, ascending.
 * @param frequencies Trial frequencies in 1/day, any order.
 * @param binDays Phase-bin width in days.
 * @param maxDriftBins Phase-error budget in bins; 0 makes every group a single frequency.
 * @returns The plan.
 */
export function planBls(
  time: Float64Array,
  frequencies: Float64Array,
  binDays: number,
  maxDriftBins: number,
): BlsPlan {
  const n = time.length;
  const nf = frequencies.length;
  const order = Uint32Array.from({ length: nf }, (_, i) => i).sort((a, b) =>
    frequencies[a]! - frequencies[b]! || a - b
  );
  const sortedF = new Float64Array(nf);
  for (let i = 0; i < nf; i++) sortedF[i] = frequencies[order[i]!]!;
  const halfSpans = new Map<number, number>();
  const halfSpan = (k: number): number => {
    let h = halfSpans.get(k);
    if (h === undefined) {
      h = makeChunking(time, k).maxHalfSpan;
      halfSpans.set(k, h);
    }
    return h;
  };
  const groups: number[] = [];
  let i = 0;
  while (i < nf) {
    const fLow = sortedF[i]!;
    const nb = binsFor(fLow, binDays);
    let bestK = 1, bestEnd = i + 1, bestCost = FOLD_COST * n;
    if (maxDriftBins > 0 && n > 0) {
      for (const k of CHUNK_COUNTS) {
        if (k > 1 && k * 4 > n) break;
        const h = halfSpan(k);
        if (h <= 0) continue;
        const fHigh = fLow + (2 * maxDriftBins) / (nb * h);
        let j = i + 1;
        let step = 1; // galloping search for the first frequency beyond fHigh
        while (j + step <= nf && sortedF[j + step - 1]! <= fHigh) {
          j += step;
          step *= 2;
        }
        while (j < nf && sortedF[j]! <= fHigh) j++;
        const g = j - i;
        if (g < 2) continue;
        // members add about half the chunks' worth of rows through the prefix runs. (The
        // difference rows of runBlsGroups have since halved that, to ~k·maxDriftBins + 1.5
        // rows; re-tuning the plan for it saves only ~5% of the estimated work and regroups
        // the frequencies, which changes the fast periodogram at noise level, so the plan
        // and hence every fast-method value are kept as they were.)
        const perMember = k > 4 ? Math.min(k, 0.5 * k + 2) : k;
        const cost = (FOLD_COST * n + (k > 4 ? 2 * k * nb : 0) + g * 2 * perMember * nb) / g;
        if (cost < bestCost) {
          bestCost = cost;
          bestK = k;
          bestEnd = j;
        }
      }
    }
    groups.push(i, bestEnd, bestEnd - i === 1 ? 1 : bestK);
    i = bestEnd;
  }
  return { sortedFrequencies: sortedF, order, groups: Int32Array.from(groups) };
}

function binsFor(frequency: number, binDays: number): number {
  return Math.max(2, Math.ceil(1 / frequency / binDays));
}

/** A phase that rounded up to exactly 1 lands in the spare bin nb: it belongs to bin 0. */
function wrapLastBin(rows: Float64Array, offset: number, nb: number): void {
  rows[offset]! += rows[offset + 2 * nb]!;
  rows[offset + 1]! += rows[offset + 2 * nb + 1]!;
  rows[offset + 2 * nb] = 0;
  rows[offset + 2 * nb + 1] = 0;
}

/**
 * Start-position step, in bins, of a box d bins long: max(1, ⌊d · binDays / shortest⌋)
 * (with a 1e-9 allowance so exact ratios are not floored down by rounding).
 *
 * @param d Box length in bins.
 * @param binDays Phase-bin width in days.
 * @param shortestDays Shortest trial duration in days.
 * @returns The step in bins.
 */
export function boxStartStep(d: number, binDays: number, shortestDays: number): number {
  return Math.max(1, Math.floor((d * binDays) / shortestDays + 1e-9));
}

/** Per-frequency outputs in plan (ascending-frequency) order. */
function emptyResult(count: number, weightTotal: number): BlsKernelResult {
  return {
    power: new Float64Array(count),
    depth: new Float64Array(count),
    durationDays: new Float64Array(count),
    midPhase: new Float64Array(count),
    weightIn: new Float64Array(count),
    weightTotal,
    durationIndex: new Int32Array(count).fill(-1),
  };
}

/**
 * target[(b + shift) mod len] = source[offset + b] for b in [0, len): a row rotated right by
 * `shift` values (bins interleave two values, so shifts are even). Native copies.
 */
function copyRotated(
  target: Float64Array,
  source: Float64Array,
  offset: number,
  len: number,
  shift: number,
): void {
  const split = len - shift;
  target.set(source.subarray(offset, offset + split), shift);
  if (shift > 0) target.set(source.subarray(offset + split, offset + len), 0);
}

/**
 * target[(b + shift) mod len] += sign · source[offset + b] for b in [0, len): a row
 * rotated right by `shift` values (len and shift even: bins interleave two values, and
 * the loops take one bin per step, which V8 runs markedly faster than one value per step).
 */
function addRotated(
  target: Float64Array,
  source: Float64Array,
  offset: number,
  len: number,
  shift: number,
  sign: 1 | -1,
): void {
  let j = offset;
  if (sign === 1) {
    for (let b = shift; b < len; b += 2, j += 2) {
      target[b]! += source[j]!;
      target[b + 1]! += source[j + 1]!;
    }
    for (let b = 0; b < shift; b += 2, j += 2) {
      target[b]! += source[j]!;
      target[b + 1]! += source[j + 1]!;
    }
  } else {
    for (let b = shift; b < len; b += 2, j += 2) {
      target[b]! -= source[j]!;
      target[b + 1]! -= source[j + 1]!;
    }
    for (let b = 0; b < shift; b += 2, j += 2) {
      target[b]! -= source[j]!;
      target[b + 1]! -= source[j + 1]!;
    }
  }
}

/**
 * Two {@linkcode addRotated} calls in one pass over the target:
 * target[b] = (target[b] + sa·A[b − shiftA]) + sb·B[b − shiftB] (indices mod len, offsets
 * added), which performs the same two roundings per value, in the same order, as the two
 * separate passes (sa, sb = ±1, and x + (−y) equals x − y exactly), while reading and
 * writing the target once instead of twice. The bins are cut at the two shifts into three
 * runs, inside which both source indices advance without wrapping.
 */
function addRotated2(
  target: Float64Array,
  len: number,
  srcA: Float64Array,
  offA: number,
  shiftA: number,
  sa: number,
  srcB: Float64Array,
  offB: number,
  shiftB: number,
  sb: number,
): void {
  const lo = shiftA < shiftB ? shiftA : shiftB, hi = shiftA < shiftB ? shiftB : shiftA;
  for (let r = 0; r < 3; r++) {
    const b0 = r === 0 ? 0 : r === 1 ? lo : hi;
    const b1 = r === 0 ? lo : r === 1 ? hi : len;
    // source index of target bin b0, wrapped into [0, len)
    let ja = offA + b0 - shiftA + (b0 < shiftA ? len : 0);
    let jb = offB + b0 - shiftB + (b0 < shiftB ? len : 0);
    for (let b = b0; b < b1; b += 2, ja += 2, jb += 2) {
      target[b] = target[b]! + sa * srcA[ja]! + sb * srcB[jb]!;
      target[b + 1] = target[b + 1]! + sa * srcA[ja + 1]! + sb * srcB[jb + 1]!;
    }
  }
}

/**
 * Fold every chunk's points at frequency f into rows of `rows` (row r starts at r · rowLen):
 * bin ⌊frac(t·f) · nb⌋ collects Σ w·y and Σ w. Plain (`rowOf` null): row c holds chunk c.
 * Cumulative: the prefix rows P_c (chunks [0, c)) that the group reads, in rows rowOf[c]
 * (see {@linkcode nextPrefixRow}); each starts as a native copy of the one before, so the
 * prefix sums cost no extra pass.
 */
function foldChunks(
  time: Float64Array,
  yw: Float64Array,
  weight: Float64Array,
  ch: Chunking,
  rows: Float64Array,
  rowLen: number,
  f: number,
  nb: number,
  rowOf: Int32Array | null,
): void {
  const cumulative = rowOf !== null;
  rows.fill(0, 0, cumulative ? rowLen : ch.count * rowLen);
  let phys = 0; // cumulative: the row being accumulated
  for (let c = 0; c < ch.count; c++) {
    if (cumulative) phys = nextPrefixRow(rows, rowLen, rowOf, c, phys);
    const off = (cumulative ? phys : c) * rowLen;
    // the points in the order of foldChunksPair, so that a group's sums do not depend on
    // whether it was folded alone or paired (and so on how groups are split among workers)
    const a = ch.start[c]!, b = ch.end[c]!, h = (b - a) >> 1;
    for (let p = a; p < a + h; p++) {
      const x = time[p]! * f, x2 = time[p + h]! * f;
      const bin = off + 2 * (((x - Math.floor(x)) * nb) | 0);
      const bin2 = off + 2 * (((x2 - Math.floor(x2)) * nb) | 0);
      rows[bin]! += yw[p]!;
      rows[bin + 1]! += weight[p]!;
      rows[bin2]! += yw[p + h]!;
      rows[bin2 + 1]! += weight[p + h]!;
    }
    for (let p = a + 2 * h; p < b; p++) {
      const x = time[p]! * f;
      const bin = off + 2 * (((x - Math.floor(x)) * nb) | 0);
      rows[bin]! += yw[p]!;
      rows[bin + 1]! += weight[p]!;
    }
    wrapLastBin(rows, off, nb);
  }
  if (cumulative) rowOf[ch.count] = phys;
}

/**
 * Cumulative folds accumulate chunks [0, c) into one running row and keep a snapshot of it
 * (the prefix row P_c) only when some member of the group reads P_c (`rowOf[c]` ≥ 0 on entry,
 * marked by {@linkcode markPrefixRows}): the running row then stays as P_c and accumulation
 * continues in a native copy of it. Every bin therefore receives the same additions in the
 * same order as with a copy per chunk, so the rows used are bit-for-bit the same, while
 * unused prefix rows cost no copy. Returns the row to fold chunk c into; on return
 * rowOf[c] is the physical row holding P_c when it is needed.
 */
function nextPrefixRow(
  rows: Float64Array,
  rowLen: number,
  rowOf: Int32Array,
  c: number,
  phys: number,
): number {
  if (c === 0 || rowOf[c]! < 0) return phys;
  rowOf[c] = phys;
  const off = (phys + 1) * rowLen;
  rows.copyWithin(off, off - rowLen, off);
  return phys + 1;
}

/**
 * {@linkcode foldChunks} at two frequencies in one pass over the points, which shares the
 * loads and the loop overhead.
 */
function foldChunksPair(
  time: Float64Array,
  yw: Float64Array,
  weight: Float64Array,
  ch: Chunking,
  ra: Float64Array,
  rowLenA: number,
  fA: number,
  nbA: number,
  rb: Float64Array,
  rowLenB: number,
  fB: number,
  nbB: number,
  rowOfA: Int32Array | null,
  rowOfB: Int32Array | null,
): void {
  const cumulative = rowOfA !== null && rowOfB !== null;
  ra.fill(0, 0, cumulative ? rowLenA : ch.count * rowLenA);
  rb.fill(0, 0, cumulative ? rowLenB : ch.count * rowLenB);
  let physA = 0, physB = 0; // cumulative: the rows being accumulated
  for (let c = 0; c < ch.count; c++) {
    if (cumulative) {
      physA = nextPrefixRow(ra, rowLenA, rowOfA, c, physA);
      physB = nextPrefixRow(rb, rowLenB, rowOfB, c, physB);
    }
    const offA = (cumulative ? physA : c) * rowLenA, offB = (cumulative ? physB : c) * rowLenB;
    // Two streams, from the chunk's first and second halves, in one loop: their bins are far
    // apart, which keeps the read-modify-write sequences independent (~5-10% faster).
    const a = ch.start[c]!, b = ch.end[c]!, h = (b - a) >> 1;
    for (let p = a; p < a + h; p++) {
      const t = time[p]!, v = yw[p]!, w = weight[p]!;
      const t2 = time[p + h]!, v2 = yw[p + h]!, w2 = weight[p + h]!;
      const x = t * fA, x2 = t2 * fA;
      const binA = offA + 2 * (((x - Math.floor(x)) * nbA) | 0);
      const binA2 = offA + 2 * (((x2 - Math.floor(x2)) * nbA) | 0);
      ra[binA]! += v;
      ra[binA + 1]! += w;
      ra[binA2]! += v2;
      ra[binA2 + 1]! += w2;
      const z = t * fB, z2 = t2 * fB;
      const binB = offB + 2 * (((z - Math.floor(z)) * nbB) | 0);
      const binB2 = offB + 2 * (((z2 - Math.floor(z2)) * nbB) | 0);
      rb[binB]! += v;
      rb[binB + 1]! += w;
      rb[binB2]! += v2;
      rb[binB2 + 1]! += w2;
    }
    for (let p = a + 2 * h; p < b; p++) {
      const t = time[p]!, v = yw[p]!, w = weight[p]!;
      const x = t * fA;
      const binA = offA + 2 * (((x - Math.floor(x)) * nbA) | 0);
      ra[binA]! += v;
      ra[binA + 1]! += w;
      const z = t * fB;
      const binB = offB + 2 * (((z - Math.floor(z)) * nbB) | 0);
      rb[binB]! += v;
      rb[binB + 1]! += w;
    }
    wrapLastBin(ra, offA, nbA);
    wrapLastBin(rb, offB, nbB);
  }
  if (cumulative) {
    rowOfA[ch.count] = physA;
    rowOfB[ch.count] = physB;
  }
}

/** diff row = prefix row minus the same row rotated right by one bin: D[j] = P[j] − P[j − 1]. */
function buildDiff(diff: Float64Array, prefix: Float64Array, offset: number, nb2: number): void {
  diff[offset] = prefix[offset]! - prefix[offset + nb2 - 2]!;
  diff[offset + 1] = prefix[offset + 1]! - prefix[offset + nb2 - 1]!;
  for (let b = offset + 2; b < offset + nb2; b += 2) {
    diff[b] = prefix[b]! - prefix[b - 2]!;
    diff[b + 1] = prefix[b + 1]! - prefix[b - 1]!;
  }
}

/**
 * Rotation of each chunk at frequency offset eps from the fold's reference: round(τ_c·ε·nb)
 * mod nb (0 at eps = 0); an empty chunk takes its predecessor's shift.
 */
function chunkShifts(ch: Chunking, eps: number, nb: number, shifts: Int32Array): void {
  let previous = 0;
  for (let c = 0; c < ch.count; c++) {
    let shift = previous;
    if (ch.end[c]! > ch.start[c]!) {
      shift = 0;
      if (eps !== 0) {
        const drift = ch.mid[c]! * eps;
        shift = Math.round((drift - Math.floor(drift)) * nb) % nb;
      }
    }
    shifts[c] = shift;
    previous = shift;
  }
}

/**
 * Which prefix rows P_c (0 < c < K) the members [from, to) of a group read: P_c is read iff
 * some member's shift changes at chunk c (s_c ≠ s_{c−1}; see the telescoped sum in
 * runBlsGroups). Sets rowOf[c] = 0 for those and −1 for the others (P_0 is never read;
 * P_K always is and is placed by the fold). Costs K per member, against ≥ nb per member
 * for the profile itself.
 */
function markPrefixRows(
  ch: Chunking,
  sortedF: Float64Array,
  from: number,
  to: number,
  fRef: number,
  nb: number,
  shifts: Int32Array,
  rowOf: Int32Array,
): void {
  rowOf.fill(-1, 0, ch.count + 1);
  for (let m = from; m < to; m++) {
    chunkShifts(ch, sortedF[m]! - fRef, nb, shifts);
    for (let c = 1; c < ch.count; c++) if (shifts[c] !== shifts[c - 1]) rowOf[c] = 0;
  }
}

/**
 * Best dip box of one phase profile (bins interleave Σ w·y, Σ w; data centred). Writes
 * [score, start bin, duration index] to `best` (duration index −1 when no dip passes);
 * `cum` receives the cyclic cumulative sums the box sums are read from.
 */
function bestBox(
  prof: Float64Array,
  nb: number,
  dBins: Int32Array,
  steps: Int32Array,
  dMax: number,
  W: number,
  minW: number,
  cum: Float64Array,
  best: Float64Array,
): void {
  // cyclic cumulative sums: cum[2s], cum[2s+1] = sums over bins [0, s), extended by dMax bins
  const nb2 = 2 * nb;
  let accY = 0, accW = 0;
  for (let b = 0; b < nb2; b += 2) {
    cum[b] = accY;
    cum[b + 1] = accW;
    accY += prof[b]!;
    accW += prof[b + 1]!;
  }
  for (let b = 0; b < 2 * dMax; b += 2) {
    cum[nb2 + b] = accY;
    cum[nb2 + b + 1] = accW;
    accY += prof[b]!;
    accW += prof[b + 1]!;
  }
  cum[nb2 + 2 * dMax] = accY;
  cum[nb2 + 2 * dMax + 1] = accW;
  // maximise yin²/(win·wout) over dips (yin < 0), branch-free:
  // score = −yin·|yin| / (win·wout) is negative for bumps and NaN for empty boxes
  let bestScore = 0, bestS = -1, bestD = -1;
  for (let q = 0; q < dBins.length; q++) {
    const d2 = 2 * dBins[q]!, step2 = steps[q]!;
    let kBest = bestScore, kS = -1;
    if (minW > 0) {
      // Boxes that count have win, wout ≥ minW > 0, so the score num/den (num = −yin·|yin|,
      // den = win·wout) beats the best so far, kNum/kDen, iff num·kDen > kNum·den: no
      // division per box. Identical boxes (differing only by empty bins) give identical
      // products, so the first one stays the best, as with the quotients.
      let kNum = kBest, kDen = 1;
      for (let s2 = 0; s2 < nb2; s2 += step2) {
        const yin = cum[s2 + d2]! - cum[s2]!;
        const win = cum[s2 + d2 + 1]! - cum[s2 + 1]!;
        const wout = W - win;
        const num = -yin * Math.abs(yin), den = win * wout;
        // the rarely-true test first keeps the loop free of unpredictable branches
        if (num * kDen > kNum * den && win >= minW && wout >= minW) {
          kNum = num;
          kDen = den;
          kS = s2;
        }
      }
      if (kS >= 0) kBest = kNum / kDen;
    } else {
      for (let s2 = 0; s2 < nb2; s2 += step2) {
        const yin = cum[s2 + d2]! - cum[s2]!;
        const win = cum[s2 + d2 + 1]! - cum[s2 + 1]!;
        const score = (-yin * Math.abs(yin)) / (win * (W - win));
        if (score > kBest) {
          kBest = score;
          kS = s2;
        }
      }
    }
    if (kS >= 0) {
      bestScore = kBest;
      bestS = kS >> 1;
      bestD = q;
    }
  }
  best[0] = bestScore;
  best[1] = bestS;
  best[2] = bestD;
}

/**
 * Run groups [groupFrom, groupTo) of a plan (see {@linkcode planBls}). Results
 * are in plan order, for sorted positions [start of groupFrom, end of groupTo − 1).
 *
 * @param time Times in days from the first point, ascending.
 * @param y Data.
 * @param weight Weights 1/σ².
 * @param plan The plan.
 * @param durationsDays Trial durations in days.
 * @param options Kernel options (binDays must match the plan).
 * @param groupFrom First group to run.
 * @param groupTo One past the last group.
 * @returns Outputs for the covered sorted positions.
 */
export function runBlsGroups(
  time: Float64Array,
  y: Float64Array,
  weight: Float64Array,
  plan: BlsPlan,
  durationsDays: Float64Array,
  options: BlsKernelOptions,
  groupFrom: number,
  groupTo: number,
): BlsKernelResult {
  const n = time.length;
  const nd = durationsDays.length;
  const binDays = options.binDays;
  const minW = options.minWeightIn;
  const sortedF = plan.sortedFrequencies;
  const groups = plan.groups;
  const first = groupTo > groupFrom ? groups[3 * groupFrom]! : 0;
  const last = groupTo > groupFrom ? groups[3 * (groupTo - 1) + 1]! : 0;

  // weighted, centred data
  let sw = 0, swy = 0;
  for (let i = 0; i < n; i++) {
    sw += weight[i]!;
    swy += weight[i]! * y[i]!;
  }
  const mean = swy / sw;
  const yw = new Float64Array(n);
  for (let i = 0; i < n; i++) yw[i] = weight[i]! * (y[i]! - mean);
  const W = sw;
  const out = emptyResult(last - first, W);
  if (last === first) return out;

  let maxDur = 0;
  for (let k = 0; k < nd; k++) maxDur = Math.max(maxDur, durationsDays[k]!);
  const maxBins = binsFor(sortedF[first]!, binDays) + 2;
  const maxDurBins = Math.ceil(maxDur / binDays) + 2;
  // Profiles interleave (Σ w·y, Σ w) per bin: [y0, w0, y1, w1, ...], one row per chunk
  // (+1 spare bin for a phase that rounds up to exactly 1).
  let chunks = new Float64Array(0);
  let pairRows = new Float64Array(0);
  let pairedReady = false;
  let diff = new Float64Array(0);
  const maxChunks = CHUNK_COUNTS[CHUNK_COUNTS.length - 1]!;
  const shifts = new Int32Array(maxChunks);
  const diffStamp = new Int32Array(maxChunks + 1).fill(-1);
  // physical row of each prefix row P_c of the current / paired group (see nextPrefixRow)
  const rowOfA = new Int32Array(maxChunks + 1), rowOfB = new Int32Array(maxChunks + 1);
  // rotated rows to add to a member's profile: source, offset, shift (values), sign
  const addSrc: Float64Array[] = [];
  const addOff = new Int32Array(2 * maxChunks), addShift = new Int32Array(2 * maxChunks);
  const addSign = new Float64Array(2 * maxChunks);
  let nAdds = 0;
  const queueAdd = (src: Float64Array, off: number, shift: number, sign: number): void => {
    addSrc[nAdds] = src;
    addOff[nAdds] = off;
    addShift[nAdds] = shift;
    addSign[nAdds] = sign;
    nAdds++;
  };
  const prof = new Float64Array(2 * maxBins);
  const cum = new Float64Array(2 * (maxBins + maxDurBins + 1));
  const dBins = new Int32Array(nd);
  const steps = new Int32Array(nd);
  const best = new Float64Array(3);
  let minDur = Infinity;
  for (let q = 0; q < nd; q++) minDur = Math.min(minDur, durationsDays[q]!);
  const chunkings = new Map<number, Chunking>();

  for (let g = groupFrom; g < groupTo; g++) {
    const i = groups[3 * g]!, end = groups[3 * g + 1]!, k = groups[3 * g + 2]!;
    const fLow = sortedF[i]!;
    const nb = binsFor(fLow, binDays);
    let ch = chunkings.get(k);
    if (!ch) {
      ch = makeChunking(time, k);
      chunkings.set(k, ch);
    }
    const fRef = end - i === 1 ? fLow : 0.5 * (fLow + sortedF[end - 1]!);
    const rowLen = 2 * (nb + 1);
    const nb2 = 2 * nb;
    // Prefix rows P_c (sums of chunks [0, c)) let a run of chunks that share one shift be
    // added as the difference of two rotated rows: members near the group's reference
    // frequency have few distinct shifts. With few chunks, each chunk row is added itself.
    const usePrefix = ch.count > 4;
    const rowCount = usePrefix ? ch.count + 1 : ch.count;
    let rows: Float64Array;
    let rowOf = rowOfA;
    if (pairedReady) {
      // folded together with the previous group
      rows = pairRows;
      rowOf = rowOfB;
      pairedReady = false;
    } else if (g + 1 < groupTo && groups[3 * g + 5] === k) {
      // two groups in a row with the same chunking: fold both in one pass over the points
      const iB = groups[3 * g + 3]!, endB = groups[3 * g + 4]!;
      const fB = endB - iB === 1 ? sortedF[iB]! : 0.5 * (sortedF[iB]! + sortedF[endB - 1]!);
      const nbB = binsFor(sortedF[iB]!, binDays);
      const rowLenB = 2 * (nbB + 1);
      if (chunks.length < rowCount * rowLen) chunks = new Float64Array(rowCount * rowLen);
      if (pairRows.length < rowCount * rowLenB) pairRows = new Float64Array(rowCount * rowLenB);
      if (usePrefix) {
        markPrefixRows(ch, sortedF, i, end, fRef, nb, shifts, rowOfA);
        markPrefixRows(ch, sortedF, iB, endB, fB, nbB, shifts, rowOfB);
      }
      foldChunksPair(
        time,
        yw,
        weight,
        ch,
        chunks,
        rowLen,
        fRef,
        nb,
        pairRows,
        rowLenB,
        fB,
        nbB,
        usePrefix ? rowOfA : null,
        usePrefix ? rowOfB : null,
      );
      rows = chunks;
      pairedReady = true;
    } else {
      if (chunks.length < rowCount * rowLen) chunks = new Float64Array(rowCount * rowLen);
      if (usePrefix) markPrefixRows(ch, sortedF, i, end, fRef, nb, shifts, rowOfA);
      foldChunks(time, yw, weight, ch, chunks, rowLen, fRef, nb, usePrefix ? rowOfA : null);
      rows = chunks;
    }
    if (usePrefix && diff.length < rows.length) diff = new Float64Array(rows.length);
    for (let m = i; m < end; m++) {
      const f = sortedF[m]!;
      chunkShifts(ch, f - fRef, nb, shifts);
      if (usePrefix) {
        const prefix = rows;
        // With chunk rows R_c = P_{c+1} − P_c and shifts s_c, telescoping gives
        //   Σ_c rot(R_c, s_c) = rot(P_K, s_{K−1}) + Σ_{c=1}^{K−1} [rot(P_c, s_{c−1}) − rot(P_c, s_c)],
        // where only the chunks starting a new run (s_c ≠ s_{c−1}) contribute. Neighbouring
        // runs differ by one bin, and rot(P, s) − rot(P, s ± 1) is ±rot(D, ·) of the
        // difference row D = P − rot(P, 1): one pass per run instead of two.
        // (prefix row P_c sits in physical row rowOf[c]: see nextPrefixRow)
        copyRotated(prof, prefix, rowOf[ch.count]! * rowLen, nb2, 2 * shifts[ch.count - 1]!);
        nAdds = 0;
        for (let c = 1; c < ch.count; c++) {
          const s0 = shifts[c - 1]!, s1 = shifts[c]!;
          if (s1 === s0) continue;
          const off = rowOf[c]! * rowLen;
          const delta = s1 - s0;
          if (delta === 1 || delta === 1 - nb || delta === -1 || delta === nb - 1) {
            if (diffStamp[c] !== g) {
              buildDiff(diff, prefix, off, nb2);
              diffStamp[c] = g;
            }
            // s1 = s0 + 1: + rot(D, s0); s1 = s0 − 1: − rot(D, s1)
            if (delta === 1 || delta === 1 - nb) queueAdd(diff, off, 2 * s0, 1);
            else queueAdd(diff, off, 2 * s1, -1);
          } else {
            queueAdd(prefix, off, 2 * s0, 1);
            queueAdd(prefix, off, 2 * s1, -1);
          }
        }
        // the queued rotated rows, two per pass over the profile, in the queued order
        let a = 0;
        for (; a + 1 < nAdds; a += 2) {
          addRotated2(
            prof,
            nb2,
            addSrc[a]!,
            addOff[a]!,
            addShift[a]!,
            addSign[a]!,
            addSrc[a + 1]!,
            addOff[a + 1]!,
            addShift[a + 1]!,
            addSign[a + 1]!,
          );
        }
        if (a < nAdds) {
          addRotated(prof, addSrc[a]!, addOff[a]!, nb2, addShift[a]!, addSign[a]! > 0 ? 1 : -1);
        }
      } else {
        let started = false;
        for (let c = 0; c < ch.count; c++) {
          if (ch.end[c]! <= ch.start[c]!) continue;
          if (started) addRotated(prof, rows, c * rowLen, nb2, 2 * shifts[c]!, 1);
          else copyRotated(prof, rows, c * rowLen, nb2, 2 * shifts[c]!);
          started = true;
        }
        if (!started) prof.fill(0, 0, nb2);
      }
      // box widths in bins at this period
      const period = 1 / f;
      const binWidth = period / nb;
      let dMax = 1;
      for (let q = 0; q < nd; q++) {
        let d = Math.round(durationsDays[q]! / binWidth);
        if (d < 1) d = 1;
        if (d > nb - 1) d = nb - 1;
        dBins[q] = d;
        if (d > dMax) dMax = d;
        // long boxes start every few bins: the start resolution stays a fixed fraction
        // (binDays / shortest duration) of each box's own length
        steps[q] = 2 * boxStartStep(d, binDays, minDur);
      }
      bestBox(prof, nb, dBins, steps, dMax, W, minW, cum, best);
      const bestD = best[2]!;
      const o = m - first;
      if (bestD >= 0) {
        const d = dBins[bestD]!;
        const s = best[1]!;
        const yin = cum[2 * (s + d)]! - cum[2 * s]!;
        const win = cum[2 * (s + d) + 1]! - cum[2 * s + 1]!;
        const wout = W - win;
        out.power[o] = 0.5 * best[0]! * W;
        out.depth[o] = (-yin * W) / (win * wout);
        out.durationDays[o] = d * binWidth;
        let phase = (s + 0.5 * d) / nb;
        if (phase >= 1) phase -= 1;
        out.midPhase[o] = phase;
        out.weightIn[o] = win;
        out.durationIndex[o] = bestD;
      }
    }
    options.onProgress?.(end - first, last - first);
  }
  return out;
}

/**
 * Scatter plan-ordered outputs (sorted positions [from, from + part.length)) into
 * an original-order result.
 *
 * @param target Result in the order of the caller's frequencies.
 * @param part Outputs of {@linkcode runBlsGroups}.
 * @param plan The plan.
 * @param from First sorted position covered by `part`.
 */
export function scatterBlsResult(
  target: BlsKernelResult,
  part: BlsKernelResult,
  plan: BlsPlan,
  from: number,
): void {
  for (let o = 0; o < part.power.length; o++) {
    const k = plan.order[from + o]!;
    target.power[k] = part.power[o]!;
    target.depth[k] = part.depth[o]!;
    target.durationDays[k] = part.durationDays[o]!;
    target.midPhase[k] = part.midPhase[o]!;
    target.weightIn[k] = part.weightIn[o]!;
    target.durationIndex[k] = part.durationIndex[o]!;
  }
}

/**
 * Box-least-squares periodogram kernel (see the module documentation for the model).
 *
 * @param time Times in days from the first point, ascending.
 * @param y Data (e.g. normalised flux); any offset is removed internally.
 * @param weight Weights 1/σ² (> 0).
 * @param frequencies Trial frequencies in 1/day, any order.
 * @param durationsDays Trial durations in days, each shorter than every trial period.
 * @param options See {@linkcode BlsKernelOptions}.
 * @returns Best box per frequency (same order as `frequencies`).
 */
export function blsKernel(
  time: Float64Array,
  y: Float64Array,
  weight: Float64Array,
  frequencies: Float64Array,
  durationsDays: Float64Array,
  options: BlsKernelOptions,
): BlsKernelResult {
  const plan = planBls(time, frequencies, options.binDays, options.maxDriftBins);
  const part = runBlsGroups(
    time,
    y,
    weight,
    plan,
    durationsDays,
    options,
    0,
    plan.groups.length / 3,
  );
  const result = emptyResult(frequencies.length, part.weightTotal);
  scatterBlsResult(result, part, plan, 0);
  return result;
}
