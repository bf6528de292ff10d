/** Small numerics of the inflow forecast (inflow.ts): smoothing, ridge regression, a linear solve, means and quantiles. Pure. */

export function smooth(v: readonly number[], halfWidth: number): number[] {
  return v.map((_, t) => {
    let sw = 0, s = 0;
    for (let k = Math.max(0, t - halfWidth); k <= Math.min(v.length - 1, t + halfWidth); k++) {
      const w = halfWidth + 1 - Math.abs(k - t);
      sw += w;
      s += w * v[k]!;
    }
    return s / sw;
  });
}

/** Ridge regression without intercept: (X'X + penalty I)^-1 X'y. */
export function ridge(x: readonly (readonly number[])[], y: readonly number[], penalty: number): number[] {
  const p = x[0]?.length ?? 0;
  const a = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? penalty : 0)));
  const b = new Array<number>(p).fill(0);
  x.forEach((row, t) => {
    for (let i = 0; i < p; i++) {
      b[i]! += row[i]! * y[t]!;
      for (let j = 0; j < p; j++) a[i]![j]! += row[i]! * row[j]!;
    }
  });
  return solve(a, b);
}

/** Gaussian elimination with partial pivoting; the matrix is positive definite here (ridge). */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    [b[c], b[pivot]] = [b[pivot]!, b[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < n; k++) a[r]![k]! -= f * a[c]![k]!;
      b[r]! -= f * b[c]!;
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r]![k]! * out[k]!;
    out[r] = s / a[r]![r]!;
  }
  return out;
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Linear interpolation between order statistics of a sorted list. */
export function quantile(sorted: readonly number[], p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
