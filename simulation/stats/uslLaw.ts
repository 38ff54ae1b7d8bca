/**
 * The Universal Scalability Law's two formulas, shared by the engine's contention rule
 * (README "Contention at a node"), the instant estimate, the inspector and the sweep's fit.
 */

/** The USL's slow-down at concurrency n: 1 + σ(n − 1) + κn(n − 1) (also the engine's contention factor). */
export function uslFactor(sigma: number, kappa: number, n: number): number {
  return 1 + sigma * (n - 1) + kappa * n * (n - 1);
}

/** The N of highest capacity, √((1 − σ) ÷ κ), or null when capacity never turns down (κ = 0). */
export function uslPeak(sigma: number, kappa: number): number | null {
  return kappa > 0 ? Math.sqrt(Math.max(0, 1 - sigma) / kappa) : null;
}
