/**
 * Exact queueing-theory results the engine is checked against: Erlang C, M/M/1/K,
 * Pollaczek–Khinchine, GI/M/1, exact MVA. Textbook formulas (Kleinrock vol. 1;
 * Gross & Harris; Lazowska et al., "Quantitative System Performance" ch. 6), written
 * independently of the engine.
 */

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** Erlang C: probability that an arrival waits in an M/M/c with offered load a = λ/μ. */
export function erlangC(c: number, a: number): number {
  if (a >= c) return 1;
  let sum = 0;
  for (let k = 0; k < c; k++) sum += a ** k / factorial(k);
  const top = (a ** c / factorial(c)) * (c / (c - a));
  return top / (sum + top);
}

/** M/M/c mean wait in queue. */
export function mmcWait(lambda: number, mu: number, c: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/** M/M/c mean number waiting (Lq = λ Wq). */
export function mmcQueueLength(lambda: number, mu: number, c: number): number {
  return lambda * mmcWait(lambda, mu, c);
}

/** M/M/1/K (K in the system): stationary distribution p_0…p_K. */
export function mm1kDistribution(lambda: number, mu: number, k: number): number[] {
  const rho = lambda / mu;
  const weights = Array.from({ length: k + 1 }, (_, n) => rho ** n);
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / total);
}

/** M/M/1/K blocking probability, mean response time of admitted requests, utilization. */
export function mm1k(lambda: number, mu: number, k: number): { blocking: number; response: number; utilization: number } {
  const p = mm1kDistribution(lambda, mu, k);
  const blocking = p[k]!;
  const l = p.reduce((s, pn, n) => s + n * pn, 0);
  return { blocking, response: l / (lambda * (1 - blocking)), utilization: 1 - p[0]! };
}

/** M/G/1 mean response time by Pollaczek–Khinchine: E[S] + λE[S²] / (2(1 − ρ)). */
export function pkResponse(lambda: number, meanS: number, secondMomentS: number): number {
  const rho = lambda * meanS;
  return meanS + (lambda * secondMomentS) / (2 * (1 - rho));
}

/**
 * GI/M/1: σ is the root in (0, 1) of σ = A*(μ(1 − σ)) for the interarrival LST A*;
 * the mean response time is 1 / (μ(1 − σ)).
 */
export function gim1Response(lst: (s: number) => number, mu: number): number {
  let sigma = 0.5;
  for (let i = 0; i < 10_000; i++) {
    const next = lst(mu * (1 - sigma));
    if (Math.abs(next - sigma) < 1e-15) break;
    sigma = next;
  }
  return 1 / (mu * (1 - sigma));
}

/**
 * Exact MVA for a closed network of single-server FCFS stations with exponential
 * service (demands D_k) and a delay station (think time Z), N users.
 */
export function mva(users: number, think: number, demands: readonly number[]): { throughput: number; response: number; perStation: number[] } {
  let q = demands.map(() => 0);
  let x = 0;
  let r = demands.map(() => 0);
  for (let n = 1; n <= users; n++) {
    r = demands.map((d, k) => d * (1 + q[k]!));
    x = n / (think + r.reduce((s, v) => s + v, 0));
    q = r.map((rk) => x * rk);
  }
  return { throughput: x, response: r.reduce((s, v) => s + v, 0), perStation: r };
}
