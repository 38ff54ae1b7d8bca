/**
 * The autoscaler's rule against the Kubernetes HPA's documented algorithm
 * (desiredReplicas = ceil(currentReplicas × currentMetricValue ÷ desiredMetricValue),
 * a tolerance of 0.1, not-ready pods counted as using nothing on a scale-up, the
 * behavior stabilization windows) and KEDA's queue-length scaler, on cases whose
 * answers the documentation states or that follow from it by hand.
 */
import { describe, expect, it } from 'vitest';
import { AutoscaleMetric, RecommendationHistory, historyCapacity, hpaTolerance, recommendReplicas, type AutoscaleSample } from './autoscale';

const ready = (n: number, value: number): AutoscaleSample => ({ current: n, ready: n, notReady: 0, value });

describe('recommendReplicas', () => {
  it('cpu: 50 replicas at 90% CPU against a 75% target become ceil(50 × 90/75) = 60 (the HPA documentation)', () => {
    expect(recommendReplicas(AutoscaleMetric.Cpu, 0.75, hpaTolerance, ready(50, 0.9))).toBe(60);
  });

  it('cpu: one pod at 305% of its request against 50% becomes ceil(305/50) = 7 (the HPA walkthrough)', () => {
    expect(recommendReplicas(AutoscaleMetric.Cpu, 0.5, hpaTolerance, ready(1, 3.05))).toBe(7);
  });

  it('cpu: 6 pods at 90% against a 60% target scale up to 9 (the asyncio API of issue 7), and halve at half the target', () => {
    expect(recommendReplicas(AutoscaleMetric.Cpu, 0.6, hpaTolerance, ready(6, 0.9))).toBe(9);
    expect(recommendReplicas(AutoscaleMetric.Cpu, 0.6, hpaTolerance, ready(6, 0.3))).toBe(3);
  });

  it('cpu and rps: within the tolerance (|ratio − 1| ≤ 0.1) the count stays; just beyond it, it moves', () => {
    expect(recommendReplicas(AutoscaleMetric.Cpu, 0.5, hpaTolerance, ready(10, 0.54))).toBe(10);
    expect(recommendReplicas(AutoscaleMetric.Cpu, 0.5, hpaTolerance, ready(10, 0.46))).toBe(10);
    expect(recommendReplicas(AutoscaleMetric.Cpu, 0.5, hpaTolerance, ready(10, 0.56))).toBe(12);
    expect(recommendReplicas(AutoscaleMetric.Cpu, 0.5, hpaTolerance, ready(10, 0.44))).toBe(9);
    expect(recommendReplicas(AutoscaleMetric.Rps, 100, hpaTolerance, ready(4, 109))).toBe(4);
    expect(recommendReplicas(AutoscaleMetric.Rps, 100, hpaTolerance, ready(4, 111))).toBe(5);
    // With no tolerance, the smallest excess moves the count.
    expect(recommendReplicas(AutoscaleMetric.Cpu, 0.5, 0, ready(10, 0.54))).toBe(11);
  });

  it('rps: 3 pods receiving 1500/s each against a 1000/s target become ceil(3 × 1.5) = 5', () => {
    expect(recommendReplicas(AutoscaleMetric.Rps, 1000, hpaTolerance, ready(3, 1500))).toBe(5);
  });

  it('cpu: on a scale-up, not-ready pods count as using nothing', () => {
    // 4 ready at 90%, 2 starting, target 60%: 4 × 0.9 / 6 = 60% → no further scale-up.
    expect(recommendReplicas(AutoscaleMetric.Cpu, 0.6, hpaTolerance, { current: 6, ready: 4, notReady: 2, value: 0.9 })).toBe(6);
    // 4 ready at 120%, 2 starting: 4 × 1.2 / 6 = 80% of 60% target → ceil(6 × 0.8/0.6) = 8.
    expect(recommendReplicas(AutoscaleMetric.Cpu, 0.6, hpaTolerance, { current: 6, ready: 4, notReady: 2, value: 1.2 })).toBe(8);
    // On a scale-down they are left out: ceil(4 × 0.3/0.6) = 2.
    expect(recommendReplicas(AutoscaleMetric.Cpu, 0.6, hpaTolerance, { current: 6, ready: 4, notReady: 2, value: 0.3 })).toBe(2);
  });

  it('cpu: without a ready replica there is no metric and the count stays', () => {
    expect(recommendReplicas(AutoscaleMetric.Cpu, 0.6, hpaTolerance, { current: 3, ready: 0, notReady: 3, value: 0 })).toBe(3);
  });

  it('backlog: 100 messages against 20 per replica ask for 5 (KEDA\'s queue-length scaler), with the tolerance on backlog ÷ (target × current)', () => {
    expect(recommendReplicas(AutoscaleMetric.Backlog, 20, hpaTolerance, ready(2, 100))).toBe(5);
    expect(recommendReplicas(AutoscaleMetric.Backlog, 20, hpaTolerance, ready(5, 105))).toBe(5);
    expect(recommendReplicas(AutoscaleMetric.Backlog, 20, hpaTolerance, ready(5, 111))).toBe(6);
    // An empty queue asks for none; the bounds keep min.
    expect(recommendReplicas(AutoscaleMetric.Backlog, 20, hpaTolerance, ready(5, 0))).toBe(0);
  });

  it('workers: today\'s rule, ceil(busy ÷ (workers × target)) with no tolerance', () => {
    // 6 busy workers, 4 per replica at 0.6: ceil(6 / 2.4) = 3; 2.5 busy: ceil(2.5 / 2.4) = 2 (no tolerance band).
    expect(recommendReplicas(AutoscaleMetric.Workers, 4 * 0.6, hpaTolerance, ready(1, 6))).toBe(3);
    expect(recommendReplicas(AutoscaleMetric.Workers, 4 * 0.6, hpaTolerance, ready(1, 2.5))).toBe(2);
    expect(recommendReplicas(AutoscaleMetric.Workers, 4 * 0.6, hpaTolerance, ready(2, 2.4))).toBe(1);
  });
});

describe('RecommendationHistory', () => {
  it('scale-down takes the highest recommendation in its window (the HPA default of 300 s)', () => {
    const h = new RecommendationHistory(historyCapacity(15, 0, 300));
    // Load falls: raw recommendations 10, 8, 6, 4 at 15 s steps; the count stays 10 until 300 s have passed.
    expect(h.stabilize(0, 10, 10, 0, 300)).toBe(10);
    expect(h.stabilize(15, 8, 10, 0, 300)).toBe(10);
    expect(h.stabilize(30, 6, 10, 0, 300)).toBe(10);
    let t = 45;
    for (; t < 300; t += 15) expect(h.stabilize(t, 4, 10, 0, 300), `at ${t}`).toBe(10);
    // At 300 s the 10 of t = 0 is exactly 300 s old and leaves the window: the highest left is 8.
    expect(h.stabilize(300, 4, 10, 0, 300)).toBe(8);
    expect(h.stabilize(315, 4, 8, 0, 300)).toBe(6);
    expect(h.stabilize(330, 4, 6, 0, 300)).toBe(4);
  });

  it('scale-up takes the lowest recommendation in its window, and never moves against the recommendation', () => {
    const h = new RecommendationHistory(historyCapacity(10, 30, 0));
    expect(h.stabilize(0, 2, 2, 30, 0)).toBe(2);
    // A spike to 8 waits: the lowest over 30 s is still 2.
    expect(h.stabilize(10, 8, 2, 30, 0)).toBe(2);
    expect(h.stabilize(20, 8, 2, 30, 0)).toBe(2);
    expect(h.stabilize(30, 8, 2, 30, 0)).toBe(8);
    // A fall is not held by the scale-up window.
    expect(h.stabilize(40, 3, 8, 30, 0)).toBe(3);
  });

  it('without windows it is the raw recommendation', () => {
    const h = new RecommendationHistory(historyCapacity(15, 0, 0));
    expect(h.stabilize(0, 5, 2, 0, 0)).toBe(5);
    expect(h.stabilize(15, 1, 5, 0, 0)).toBe(1);
  });

  it('holds every tick of the longer window', () => {
    expect(historyCapacity(15, 0, 300)).toBe(21);
    expect(historyCapacity(10, 25, 0)).toBe(4);
  });
});
