/**
 * L1- or L2-penalised logistic regression (scikit-learn's objective):
 *
 *   minimise  C · Σᵢ wᵢ · logloss(yᵢ, xᵢ·β + β₀)  +  R(β)
 *
 * with R(β) = ½‖β‖² (L2) or ‖β‖₁ (L1); the intercept β₀ is not penalised.
 * L2 is solved by Newton's method with a backtracking line search (a few
 * Cholesky solves of a (d+1)² system); L1 by the proximal-Newton scheme of
 * liblinear's newGLMNET: cyclic coordinate descent on the quadratic model
 * of the loss, then a line search on the true objective. Features should be
 * standardised (the pipeline's scaler does it) and must not contain NaN.
 *
 * Slow references (plain gradient descent / proximal gradient) sit beside
 * them for tests: {@linkcode fitLogisticReference}.
 *
 * @module
 */
import { z } from "zod";
import {
  type Classifier,
  type ClassifierJson,
  type FitOptions,
  notFittedError,
  sigmoid,
  thresholdLabels,
} from "./estimator.ts";
import { checkColumns, checkLabels, type Matrix } from "./matrix.ts";
import { ClassWeightSchema, resolveParams, resolveState } from "./_params.ts";
import { sampleWeights } from "./sample_weight.ts";

/** Hyper-parameters of {@linkcode LogisticRegression}. */
export const LogisticRegressionParamsSchema = z.object({
  penalty: z.enum(["l2", "l1"]).default("l2"),
  /** Inverse regularisation strength (larger = weaker penalty). */
  C: z.number().positive().default(1),
  fitIntercept: z.boolean().default(true),
  maxIter: z.number().int().min(1).default(100),
  /** Stop when the relative objective decrease falls below tol. */
  tol: z.number().positive().default(1e-8),
  classWeight: ClassWeightSchema.default(null),
}).strict();

/** Resolved logistic-regression hyper-parameters. */
export type LogisticRegressionParams = z.output<typeof LogisticRegressionParamsSchema>;

const StateSchema = z.object({
  coef: z.array(z.number()).min(1),
  intercept: z.number(),
  nIter: z.number().int(),
}).strict();

/** Result of fitting the logistic objective. */
export interface LogisticFit {
  coef: Float64Array;
  intercept: number;
  /** Outer iterations used. */
  nIter: number;
  /** Final objective value. */
  objective: number;
}

interface Problem {
  n: number;
  d: number;
  /** column-major features */
  cols: Float64Array;
  y: Uint8Array;
  w: Float64Array;
  C: number;
  penalty: "l1" | "l2";
  fitIntercept: boolean;
}

function toProblem(
  x: Matrix,
  y: Uint8Array,
  w: Float64Array,
  p: LogisticRegressionParams,
): Problem {
  const n = x.nRows, d = x.nCols;
  const cols = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = x.data[i * d + j]!;
      if (!Number.isFinite(v)) {
        throw new RangeError(
          `Cannot fit logistic_regression as row ${i} column ${j} is ${v}: impute missing values first`,
        );
      }
      cols[j * n + i] = v;
    }
  }
  return { n, d, cols, y, w, C: p.C, penalty: p.penalty, fitIntercept: p.fitIntercept };
}

function computeEta(pr: Problem, coef: Float64Array, b: number, eta: Float64Array): void {
  const { n, d, cols } = pr;
  eta.fill(b);
  for (let j = 0; j < d; j++) {
    const c = coef[j]!;
    if (c === 0) continue;
    const base = j * n;
    for (let i = 0; i < n; i++) eta[i] = eta[i]! + c * cols[base + i]!;
  }
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function objective(pr: Problem, coef: Float64Array, eta: Float64Array): number {
  let loss = 0;
  for (let i = 0; i < pr.n; i++) loss += pr.w[i]! * (softplus(eta[i]!) - pr.y[i]! * eta[i]!);
  let reg = 0;
  for (let j = 0; j < pr.d; j++) {
    reg += pr.penalty === "l2" ? 0.5 * coef[j]! * coef[j]! : Math.abs(coef[j]!);
  }
  return pr.C * loss + reg;
}

function choleskySolve(a: Float64Array, bvec: Float64Array, m: number): Float64Array {
  // a: m×m symmetric positive definite (row-major), overwritten by L
  for (let j = 0; j < m; j++) {
    let s = a[j * m + j]!;
    for (let k = 0; k < j; k++) s -= a[j * m + k]! * a[j * m + k]!;
    if (!(s > 0)) s = 1e-12;
    const ljj = Math.sqrt(s);
    a[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let t = a[i * m + j]!;
      for (let k = 0; k < j; k++) t -= a[i * m + k]! * a[j * m + k]!;
      a[i * m + j] = t / ljj;
    }
  }
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let t = bvec[i]!;
    for (let k = 0; k < i; k++) t -= a[i * m + k]! * z[k]!;
    z[i] = t / a[i * m + i]!;
  }
  const out = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let t = z[i]!;
    for (let k = i + 1; k < m; k++) t -= a[k * m + i]! * out[k]!;
    out[i] = t / a[i * m + i]!;
  }
  return out;
}

/**
 * One backtracking line search on the true objective, shared by both solvers: tries
 * `coef + (sign·t)·dir`, `b + (sign·t)·dirB` for t = 1, 1/2, … (30 halvings) and accepts the first
 * point that does not raise the objective. On acceptance `coef` (and `eta`) hold the new point;
 * "converged" when the relative decrease fell below `tol`. When no step helped ("stalled"),
 * `coef` is kept and `eta` is recomputed for it. `sign` is ±1, so `(sign·t)·x` is exactly ±t·x.
 */
function lineSearchStep(
  pr: Problem,
  at: { coef: Float64Array; b: number; obj: number },
  dir: Float64Array,
  dirB: number,
  sign: 1 | -1,
  trial: Float64Array,
  eta: Float64Array,
  tol: number,
): { status: "continue" | "converged" | "stalled"; b: number; obj: number } {
  const { coef, b, obj } = at;
  const d = pr.d;
  let t = 1, newObj = Infinity, newB = b;
  for (let ls = 0; ls < 30; ls++) {
    const st = sign * t;
    for (let j = 0; j < d; j++) trial[j] = coef[j]! + st * dir[j]!;
    newB = b + st * dirB;
    computeEta(pr, trial, newB, eta);
    newObj = objective(pr, trial, eta);
    if (newObj <= obj) break;
    t /= 2;
  }
  if (!(newObj <= obj)) {
    computeEta(pr, coef, b, eta);
    return { status: "stalled", b, obj };
  }
  coef.set(trial);
  const rel = (obj - newObj) / Math.max(1, Math.abs(newObj));
  return { status: rel < tol ? "converged" : "continue", b: newB, obj: newObj };
}

function fitL2Newton(pr: Problem, maxIter: number, tol: number): LogisticFit {
  const { n, d, cols, y, w, C } = pr;
  const m = d + 1; // last slot = intercept
  const coef = new Float64Array(d);
  let b = 0;
  const eta = new Float64Array(n), prob = new Float64Array(n), hw = new Float64Array(n);
  computeEta(pr, coef, b, eta);
  let obj = objective(pr, coef, eta);
  let iter = 0;
  const trialCoef = new Float64Array(d);
  for (; iter < maxIter; iter++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(eta[i]!);
      prob[i] = w[i]! * (p - y[i]!);
      hw[i] = w[i]! * p * (1 - p);
    }
    const grad = new Float64Array(m);
    const hess = new Float64Array(m * m);
    for (let j = 0; j < d; j++) {
      const bj = j * n;
      let g = 0;
      for (let i = 0; i < n; i++) g += cols[bj + i]! * prob[i]!;
      grad[j] = C * g + coef[j]!;
      for (let k = 0; k <= j; k++) {
        const bk = k * n;
        let h = 0;
        for (let i = 0; i < n; i++) h += cols[bj + i]! * cols[bk + i]! * hw[i]!;
        hess[j * m + k] = C * h + (j === k ? 1 : 0);
        hess[k * m + j] = hess[j * m + k]!;
      }
      let hb = 0;
      for (let i = 0; i < n; i++) hb += cols[bj + i]! * hw[i]!;
      hess[j * m + d] = C * hb;
      hess[d * m + j] = C * hb;
    }
    let gb = 0, hbb = 0;
    for (let i = 0; i < n; i++) {
      gb += prob[i]!;
      hbb += hw[i]!;
    }
    grad[d] = pr.fitIntercept ? C * gb : 0;
    hess[d * m + d] = pr.fitIntercept ? C * hbb + 1e-12 : 1;
    if (!pr.fitIntercept) {
      for (let j = 0; j < d; j++) hess[j * m + d] = hess[d * m + j] = 0;
    }
    const step = choleskySolve(hess, grad, m);
    // Newton moves against the solved step: direction -step, intercept -step[d]
    const s = lineSearchStep(pr, { coef, b, obj }, step, step[d]!, -1, trialCoef, eta, tol);
    b = s.b;
    obj = s.obj;
    if (s.status === "converged") iter++;
    if (s.status !== "continue") break;
  }
  return { coef, intercept: b, nIter: iter, objective: obj };
}

function fitL1Glmnet(pr: Problem, maxIter: number, tol: number): LogisticFit {
  const { n, d, cols, y, w, C } = pr;
  const coef = new Float64Array(d);
  let b = 0;
  const eta = new Float64Array(n), g = new Float64Array(n), hw = new Float64Array(n);
  const delta = new Float64Array(d);
  const hDelta = new Float64Array(n); // X·delta (+ delta intercept)
  computeEta(pr, coef, b, eta);
  let obj = objective(pr, coef, eta);
  let iter = 0;
  const trial = new Float64Array(d);
  for (; iter < maxIter; iter++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(eta[i]!);
      g[i] = w[i]! * (p - y[i]!);
      hw[i] = Math.max(w[i]! * p * (1 - p), 1e-12);
    }
    // inner coordinate descent on q(δ) = C·(gᵀXδ + ½ δᵀXᵀHXδ) + ‖β+δ‖₁
    delta.fill(0);
    hDelta.fill(0);
    let db = 0;
    for (let inner = 0; inner < 50; inner++) {
      let maxChange = 0;
      for (let j = 0; j < d; j++) {
        const base = j * n;
        let grad = 0, hjj = 0;
        for (let i = 0; i < n; i++) {
          const xij = cols[base + i]!;
          grad += xij * (g[i]! + hw[i]! * hDelta[i]!);
          hjj += xij * xij * hw[i]!;
        }
        grad *= C;
        hjj = C * hjj + 1e-12;
        const cur = coef[j]! + delta[j]!;
        // minimise ½hjj·z² + (grad − hjj·cur)·... over new value v = cur + z with |v| penalty
        const u = cur - grad / hjj;
        const v = Math.sign(u) * Math.max(0, Math.abs(u) - 1 / hjj);
        const z = v - cur;
        if (z !== 0) {
          delta[j] = delta[j]! + z;
          for (let i = 0; i < n; i++) hDelta[i] = hDelta[i]! + z * cols[base + i]!;
          if (Math.abs(z) > maxChange) maxChange = Math.abs(z);
        }
      }
      if (pr.fitIntercept) {
        let grad = 0, hbb = 0;
        for (let i = 0; i < n; i++) {
          grad += g[i]! + hw[i]! * hDelta[i]!;
          hbb += hw[i]!;
        }
        const z = -grad / (hbb + 1e-12);
        db += z;
        for (let i = 0; i < n; i++) hDelta[i] = hDelta[i]! + z;
        if (Math.abs(z) > maxChange) maxChange = Math.abs(z);
      }
      if (maxChange < 1e-10) break;
    }
    const s = lineSearchStep(pr, { coef, b, obj }, delta, db, 1, trial, eta, tol);
    b = s.b;
    obj = s.obj;
    if (s.status === "converged") iter++;
    if (s.status !== "continue") break;
  }
  return { coef, intercept: b, nIter: iter, objective: obj };
}

/**
 * Slow, obviously-correct solver for tests: (proximal) gradient descent with a
 * fixed step 1/L, L = C·¼·Σᵢ wᵢ(‖xᵢ‖² + 1) + 1, for many iterations.
 *
 * @param x Features (no NaN).
 * @param y Labels.
 * @param params Penalty, C, intercept, class weights.
 * @param iterations Number of gradient steps. @default 20000
 * @returns Coefficients, intercept and objective.
 */
export function fitLogisticReference(
  x: Matrix,
  y: Uint8Array,
  params: z.input<typeof LogisticRegressionParamsSchema>,
  iterations = 20000,
): LogisticFit {
  const p = resolveParams("logistic_regression", LogisticRegressionParamsSchema, params);
  const w = sampleWeights(y, p.classWeight);
  const pr = toProblem(x, y, w, p);
  const { n, d } = pr;
  let lip = 0;
  for (let i = 0; i < n; i++) {
    let s = 1;
    for (let j = 0; j < d; j++) s += x.data[i * d + j]! ** 2;
    lip += w[i]! * s;
  }
  const step = 1 / (p.C * lip / 4 + 1);
  const coef = new Float64Array(d);
  let b = 0;
  const eta = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    computeEta(pr, coef, b, eta);
    const gradC = new Float64Array(d);
    let gradB = 0;
    for (let i = 0; i < n; i++) {
      const r = w[i]! * (sigmoid(eta[i]!) - y[i]!);
      for (let j = 0; j < d; j++) gradC[j] = gradC[j]! + r * x.data[i * d + j]!;
      gradB += r;
    }
    for (let j = 0; j < d; j++) {
      if (p.penalty === "l2") coef[j] = coef[j]! - step * (p.C * gradC[j]! + coef[j]!);
      else {
        const u = coef[j]! - step * p.C * gradC[j]!;
        coef[j] = Math.sign(u) * Math.max(0, Math.abs(u) - step);
      }
    }
    if (p.fitIntercept) b -= step * p.C * gradB;
  }
  computeEta(pr, coef, b, eta);
  return { coef, intercept: b, nIter: iterations, objective: objective(pr, coef, eta) };
}

/**
 * Penalised logistic regression.
 *
 * @example
 * ```ts
 * import { LogisticRegression } from "./logistic_regression.ts";
 * import { fromRows } from "./matrix.ts";
 * const x = fromRows([[-2], [-1], [-0.5], [0.5], [1], [2]]);
 * const model = new LogisticRegression({ C: 10 }).fit(x, new Uint8Array([0, 0, 1, 0, 1, 1]));
 * if (!(model.coef[0]! > 0)) throw new Error("slope should be positive");
 * ```
 */
export class LogisticRegression implements Classifier {
  /** Model kind. */
  readonly kind = "logistic_regression";
  /** Resolved hyper-parameters. */
  readonly params: LogisticRegressionParams;
  #coef: Float64Array | null = null;
  #intercept = 0;
  #nIter = 0;

  /** @param params Hyper-parameters (see {@linkcode LogisticRegressionParamsSchema}). */
  constructor(params: z.input<typeof LogisticRegressionParamsSchema> = {}) {
    this.params = resolveParams("logistic_regression", LogisticRegressionParamsSchema, params);
  }

  /** Whether the model is fitted. */
  get fitted(): boolean {
    return this.#coef !== null;
  }

  /** Coefficients, one per feature. */
  get coef(): Float64Array {
    if (this.#coef === null) throw notFittedError(this.kind, "read coefficients");
    return this.#coef;
  }

  /** Intercept. */
  get intercept(): number {
    return this.#intercept;
  }

  /** Solver iterations used. */
  get nIter(): number {
    return this.#nIter;
  }

  /**
   * Fit the coefficients.
   *
   * @param x Features (standardised, no NaN).
   * @param y Labels 0/1.
   * @param options Sample weights.
   * @returns `this`.
   */
  fit(x: Matrix, y: Uint8Array, options: FitOptions = {}): this {
    checkLabels(x, y, "fit logistic_regression");
    const p = this.params;
    const w = sampleWeights(y, p.classWeight, options.sampleWeight);
    const pr = toProblem(x, y, w, p);
    const fit = p.penalty === "l2"
      ? fitL2Newton(pr, p.maxIter, p.tol)
      : fitL1Glmnet(pr, p.maxIter, p.tol);
    this.#coef = fit.coef;
    this.#intercept = fit.intercept;
    this.#nIter = fit.nIter;
    return this;
  }

  /**
   * Linear scores x·β + β₀.
   *
   * @param x Features.
   * @returns Raw scores.
   */
  decisionFunction(x: Matrix): Float64Array {
    const coef = this.coef;
    checkColumns(x, coef.length, "predict with logistic_regression");
    const out = new Float64Array(x.nRows);
    const d = coef.length;
    for (let i = 0; i < x.nRows; i++) {
      let s = this.#intercept;
      for (let j = 0; j < d; j++) s += coef[j]! * x.data[i * d + j]!;
      out[i] = s;
    }
    return out;
  }

  /**
   * P(class 1) per row.
   *
   * @param x Features.
   * @returns Probabilities.
   */
  predictProba(x: Matrix): Float64Array {
    const z = this.decisionFunction(x);
    for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]!);
    return z;
  }

  /**
   * Labels at a threshold.
   *
   * @param x Features.
   * @param threshold Decision threshold. @default 0.5
   * @returns Labels 0/1.
   */
  predict(x: Matrix, threshold = 0.5): Uint8Array {
    return thresholdLabels(this.predictProba(x), threshold);
  }

  /** JSON form: `{kind, params, state: {coef, intercept, nIter}}`. */
  toJson(): ClassifierJson {
    return {
      kind: this.kind,
      params: { ...this.params },
      state: { coef: Array.from(this.coef), intercept: this.#intercept, nIter: this.#nIter },
    };
  }

  /**
   * Rebuild a fitted model from {@linkcode LogisticRegression.toJson} output.
   *
   * @param json Serialised model.
   * @returns The model.
   */
  static fromJson(json: ClassifierJson): LogisticRegression {
    const model = new LogisticRegression(
      json.params as z.input<typeof LogisticRegressionParamsSchema>,
    );
    const state = resolveState("logistic_regression", StateSchema, json.state);
    model.#coef = Float64Array.from(state.coef);
    model.#intercept = state.intercept;
    model.#nIter = state.nIter;
    return model;
  }
}
