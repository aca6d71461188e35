/**
 * The flat binary-tree structure shared by every tree model (decision tree,
 * random forest, gradient boosting, AdaBoost) and by TreeSHAP.
 *
 * Node `i` is a leaf when `feature[i] === -1`. Otherwise a row goes to
 * `left[i]` when `x[feature[i]] <= threshold[i]`, to `right[i]` when it is
 * greater, and missing values (`NaN`) go left when `missingLeft[i] === 1`.
 * `value[i]` is the node's output (probability of class 1 for classification
 * trees, a raw additive score for boosting) and `cover[i]` the weighted number
 * of training samples that reached it (TreeSHAP's expectations use it).
 *
 * JSON form ({@linkcode treeToJson}): the same arrays as plain number arrays;
 * `threshold` uses `null` for +Infinity ("every non-missing value goes left").
 *
 * @module
 */
import { z } from "zod";
import type { Matrix } from "./matrix.ts";

/** A fitted binary tree in flat arrays. */
export interface Tree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly cover: Float64Array;
}

/** JSON representation of a {@linkcode Tree}. */
export interface TreeJson {
  feature: number[];
  threshold: (number | null)[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
}

/** Zod schema of {@linkcode TreeJson} (used when loading bundles). */
export const TreeJsonSchema = z.object({
  feature: z.array(z.number().int()),
  threshold: z.array(z.number().nullable()),
  missingLeft: z.array(z.number().int().min(0).max(1)),
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  value: z.array(z.number()),
  cover: z.array(z.number()),
}).strict();

/** Number of nodes of a tree. */
export function nodeCount(tree: Tree): number {
  return tree.feature.length;
}

/** Maximum depth (root alone = 0). */
export function treeDepth(tree: Tree): number {
  const depth = new Int32Array(tree.feature.length);
  let max = 0;
  for (let i = 0; i < tree.feature.length; i++) {
    if (tree.feature[i]! >= 0) {
      depth[tree.left[i]!] = depth[i]! + 1;
      depth[tree.right[i]!] = depth[i]! + 1;
      if (depth[i]! + 1 > max) max = depth[i]! + 1;
    }
  }
  return max;
}

/**
 * Index of the leaf a row of `x` falls into.
 *
 * @param tree Tree.
 * @param data Row-major values.
 * @param offset Start of the row in `data`.
 * @returns Leaf node index.
 */
export function leafIndex(tree: Tree, data: Float64Array, offset: number): number {
  const feature = tree.feature, threshold = tree.threshold;
  const left = tree.left, right = tree.right, missingLeft = tree.missingLeft;
  let node = 0;
  let f = feature[0]!;
  while (f >= 0) {
    const v = data[offset + f]!;
    if (v <= threshold[node]!) node = left[node]!;
    else if (v > threshold[node]!) node = right[node]!;
    else node = missingLeft[node] === 1 ? left[node]! : right[node]!;
    f = feature[node]!;
  }
  return node;
}

/**
 * Add `scale * leafValue` of every row to `out` (forests and boosting sum many trees).
 *
 * @param tree Tree.
 * @param x Row-major matrix.
 * @param out Accumulator, one entry per row.
 * @param scale Multiplier for the leaf values. @default 1
 */
export function accumulateTree(tree: Tree, x: Matrix, out: Float64Array, scale = 1): void {
  const nCols = x.nCols, data = x.data, value = tree.value;
  for (let i = 0, off = 0; i < x.nRows; i++, off += nCols) {
    out[i] = out[i]! + scale * value[leafIndex(tree, data, off)]!;
  }
}

/**
 * Serialise a tree to plain JSON arrays.
 *
 * @param tree Tree.
 * @returns JSON-safe object.
 */
export function treeToJson(tree: Tree): TreeJson {
  return {
    feature: Array.from(tree.feature),
    threshold: Array.from(tree.threshold, (t) => (t === Infinity ? null : t)),
    missingLeft: Array.from(tree.missingLeft),
    left: Array.from(tree.left),
    right: Array.from(tree.right),
    value: Array.from(tree.value),
    cover: Array.from(tree.cover),
  };
}

/**
 * Rebuild a tree from its JSON form, checking that it is a valid tree.
 *
 * @param json Output of {@linkcode treeToJson}.
 * @param nFeatures Number of features the model takes (node features must be below it).
 * @param where Label for error messages, e.g. "trees[3]".
 * @returns The tree.
 */
export function treeFromJson(json: TreeJson, nFeatures: number, where: string): Tree {
  const n = json.feature.length;
  for (const key of ["threshold", "missingLeft", "left", "right", "value", "cover"] as const) {
    if (json[key].length !== n) {
      throw new RangeError(
        `Cannot load tree ${where} as ${key} has ${json[key].length} entries but feature has ${n}`,
      );
    }
  }
  if (n === 0) throw new RangeError(`Cannot load tree ${where} as it has no nodes`);
  const tree: Tree = {
    feature: Int32Array.from(json.feature),
    threshold: Float64Array.from(json.threshold, (t) => (t === null ? Infinity : t)),
    missingLeft: Uint8Array.from(json.missingLeft),
    left: Int32Array.from(json.left),
    right: Int32Array.from(json.right),
    value: Float64Array.from(json.value),
    cover: Float64Array.from(json.cover),
  };
  for (let i = 0; i < n; i++) {
    const f = tree.feature[i]!;
    if (f === -1) continue;
    if (f < 0 || f >= nFeatures) {
      throw new RangeError(
        `Cannot load tree ${where} as node ${i} uses feature ${f} but the model has ${nFeatures} features`,
      );
    }
    const l = tree.left[i]!, r = tree.right[i]!;
    if (!(l > i && l < n && r > i && r < n)) {
      throw new RangeError(
        `Cannot load tree ${where} as node ${i} has children ${l} and ${r} outside (${i}, ${n})`,
      );
    }
  }
  return tree;
}

/**
 * Growable node storage used by tree builders; `finish()` returns a compact {@linkcode Tree}.
 * Children always get larger indices than their parent (TreeSHAP and loaders rely on it).
 */
export class TreeBuffer {
  #capacity: number;
  #size = 0;
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  cover: Float64Array;

  /** @param capacity Initial node capacity. @default 64 */
  constructor(capacity = 64) {
    this.#capacity = capacity;
    this.feature = new Int32Array(capacity);
    this.threshold = new Float64Array(capacity);
    this.missingLeft = new Uint8Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.cover = new Float64Array(capacity);
  }

  /** Number of nodes so far. */
  get size(): number {
    return this.#size;
  }

  /** Forget all nodes (keeps the memory). */
  reset(): void {
    this.#size = 0;
  }

  /**
   * Append a leaf node and return its index.
   *
   * @param value Node value.
   * @param cover Weighted sample count.
   */
  addLeaf(value: number, cover: number): number {
    if (this.#size === this.#capacity) this.#grow();
    const i = this.#size++;
    this.feature[i] = -1;
    this.threshold[i] = 0;
    this.missingLeft[i] = 0;
    this.left[i] = -1;
    this.right[i] = -1;
    this.value[i] = value;
    this.cover[i] = cover;
    return i;
  }

  /**
   * Turn leaf `i` into a split node (children are set later with {@linkcode setChildren}).
   *
   * @param i Node index.
   * @param feature Feature index.
   * @param threshold Raw-unit threshold.
   * @param missingLeft Whether NaN goes left.
   */
  setSplit(i: number, feature: number, threshold: number, missingLeft: boolean): void {
    this.feature[i] = feature;
    this.threshold[i] = threshold;
    this.missingLeft[i] = missingLeft ? 1 : 0;
  }

  /**
   * Link a split node to its children.
   *
   * @param i Parent index.
   * @param left Left child index.
   * @param right Right child index.
   */
  setChildren(i: number, left: number, right: number): void {
    this.left[i] = left;
    this.right[i] = right;
  }

  /** Copy the nodes out as a compact tree. */
  finish(): Tree {
    const n = this.#size;
    return {
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      missingLeft: this.missingLeft.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n),
      cover: this.cover.slice(0, n),
    };
  }

  #grow(): void {
    const cap = this.#capacity * 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.feature = grow(this.feature);
    this.threshold = grow(this.threshold);
    this.missingLeft = grow(this.missingLeft);
    this.left = grow(this.left);
    this.right = grow(this.right);
    this.value = grow(this.value);
    this.cover = grow(this.cover);
    this.#capacity = cap;
  }
}

/**
 * Many trees packed for fast prediction: per node two int32 (feature, or −1
 * for a leaf; then 2·leftChild + missingLeft, the right child always being
 * leftChild + 1) and one float64 (threshold, or the leaf value), all trees in
 * one pair of arrays. Every builder in lib/ml appends a node's two children
 * consecutively, which this layout relies on (checked when packing).
 */
export interface PackedTrees {
  /** [feature, 2·left + missingLeft] per node. */
  readonly meta: Int32Array;
  /** Threshold (split node) or value (leaf) per node. */
  readonly value: Float64Array;
  /** Index of each tree's root node. */
  readonly roots: Int32Array;
}

/**
 * Pack trees for {@linkcode accumulatePacked}.
 *
 * @param trees Trees (children of a node must be consecutive).
 * @returns Packed trees.
 */
export function packTrees(trees: readonly Tree[]): PackedTrees {
  let total = 0;
  for (const t of trees) total += t.feature.length;
  const meta = new Int32Array(2 * total), value = new Float64Array(total);
  const roots = new Int32Array(trees.length);
  let offset = 0;
  trees.forEach((t, k) => {
    roots[k] = offset;
    for (let i = 0; i < t.feature.length; i++) {
      const g = offset + i;
      const f = t.feature[i]!;
      meta[2 * g] = f;
      if (f < 0) {
        meta[2 * g + 1] = 0;
        value[g] = t.value[i]!;
      } else {
        if (t.right[i] !== t.left[i]! + 1) {
          throw new RangeError(
            `Cannot pack tree ${k} as node ${i} has children ${t.left[i]} and ${
              t.right[i]
            }, not consecutive`,
          );
        }
        meta[2 * g + 1] = 2 * (offset + t.left[i]!) + t.missingLeft[i]!;
        value[g] = t.threshold[i]!;
      }
    }
    offset += t.feature.length;
  });
  return { meta, value, roots };
}

/**
 * Add the sum over packed trees of each row's leaf value to `out` (rows in
 * blocks so a block stays in cache while every tree walks it).
 *
 * Four rows walk each tree together, in lockstep: a node visit is a dependent load (the next
 * node's index comes from this one's comparison), so one walk at a time leaves the CPU waiting;
 * four independent walks overlap their loads. The child is chosen branch-free:
 * `left + (v > t | (v is NaN & missing goes right))`. Measured against one walk at a time:
 * 1.7× on 500 deep trees (729,070 nodes, synthetic data), 1.23× on the KOI random forest of
 * `deno task bench:ml` (0.322 s → 0.262 s for 10,000 rows × 500 trees).
 *
 * @param packed Packed trees.
 * @param x Row-major matrix.
 * @param out Accumulator, one entry per row.
 */
export function accumulatePacked(packed: PackedTrees, x: Matrix, out: Float64Array): void {
  const { meta, value, roots } = packed;
  const data = x.data, d = x.nCols, n = x.nRows;
  const BLOCK = 1024;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    for (let k = 0; k < roots.length; k++) {
      const root = roots[k]!;
      const rootFeature = meta[2 * root]!;
      let r = start;
      for (; r + 3 < end; r += 4) {
        const o0 = r * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
        let n0 = root, n1 = root, n2 = root, n3 = root;
        let f0 = rootFeature, f1 = rootFeature, f2 = rootFeature, f3 = rootFeature;
        // a lane at a leaf has f < 0; the AND of the four is negative once all four are
        while ((f0 & f1 & f2 & f3) >= 0) {
          if (f0 >= 0) {
            const v = data[o0 + f0]!, c = meta[2 * n0 + 1]!;
            n0 = (c >> 1) + (+(v > value[n0]!) | (+(v !== v) & (1 - (c & 1))));
            f0 = meta[2 * n0]!;
          }
          if (f1 >= 0) {
            const v = data[o1 + f1]!, c = meta[2 * n1 + 1]!;
            n1 = (c >> 1) + (+(v > value[n1]!) | (+(v !== v) & (1 - (c & 1))));
            f1 = meta[2 * n1]!;
          }
          if (f2 >= 0) {
            const v = data[o2 + f2]!, c = meta[2 * n2 + 1]!;
            n2 = (c >> 1) + (+(v > value[n2]!) | (+(v !== v) & (1 - (c & 1))));
            f2 = meta[2 * n2]!;
          }
          if (f3 >= 0) {
            const v = data[o3 + f3]!, c = meta[2 * n3 + 1]!;
            n3 = (c >> 1) + (+(v > value[n3]!) | (+(v !== v) & (1 - (c & 1))));
            f3 = meta[2 * n3]!;
          }
        }
        out[r] = out[r]! + value[n0]!;
        out[r + 1] = out[r + 1]! + value[n1]!;
        out[r + 2] = out[r + 2]! + value[n2]!;
        out[r + 3] = out[r + 3]! + value[n3]!;
      }
      for (; r < end; r++) {
        const off = r * d;
        let node = root;
        let f = rootFeature;
        while (f >= 0) {
          const v = data[off + f]!, c = meta[2 * node + 1]!;
          node = (c >> 1) + (+(v > value[node]!) | (+(v !== v) & (1 - (c & 1))));
          f = meta[2 * node]!;
        }
        out[r] = out[r]! + value[node]!;
      }
    }
  }
}
