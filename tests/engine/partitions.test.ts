/**
 * Queue partitions (`partitions`, `partitionSkew`) against exact answers.
 *
 * Kafka's rule: a message's key fixes its partition when it is published, and a consumer
 * group handles one message of a partition at a time. With a consumer that has more
 * workers than partitions, each partition is a FIFO single server of its own: Poisson
 * arrivals at the partition's share of λ (a random split of a Poisson stream), service the
 * consumer's work. So 3 partitions under 6 exponential workers are three M/M/1 queues,
 * not one M/M/3: the same three servers, each with its own line. Erlang C (M/M/3) is the
 * answer for the unpartitioned queue with 3 workers; the partitioned one waits longer,
 * by exactly the M/M/1 answer, and both saturate at 3 ÷ S.
 */
import { describe, expect, it } from 'vitest';
import { build, edge, exponential, poissonSource, service, type Fields } from '../helpers/build';
import { mmcWait } from '../helpers/queueing';
import { expectNear, per, replicate } from '../helpers/replicate';

const S = 0.03;
const mu = 1 / S;

function broker(lambda: number, queue: Fields, consumer: Fields, seed = 1, replications = 10, duration = 2000) {
  return build({
    nodes: [poissonSource('producers', lambda), { id: 'orders', kind: 'queue', ...queue }, service('worker', exponential(S), consumer)],
    edges: [edge('producers', 'orders', { mode: 'async' }), edge('orders', 'worker')],
    run: { duration, warmup: 100, replications, seed },
  });
}

/** M/M/1 mean wait at arrival rate l. */
const mm1Wait = (l: number) => l / (mu * (mu - l));

describe('partitions', () => {
  it('3 partitions and 6 consumer workers: three servers, each an M/M/1 at λ/3 (and not Erlang C’s shared line)', () => {
    const lambda = 70; // ρ = 0.7 per partition
    const r = replicate(broker(lambda, { partitions: 3 }, { workers: 6 }));
    const theory = mm1Wait(lambda / 3);
    expectNear('broker wait', per(r, (d) => d.nodes.orders!.waitTime), theory, { bias: 0.01, precision: 0.05 });
    // Never more than 3 of the 6 workers busy: at most one message per partition in hand.
    expectNear('worker utilization', per(r, (d) => d.nodes.worker!.utilization ?? NaN), (lambda * S) / 6, { bias: 0.005, precision: 0.03 });
    // The same consumer without partitions but with 3 workers is the M/M/3 (Erlang C): one shared line waits less.
    const shared = replicate(broker(lambda, {}, { workers: 3 }, 2));
    const erlang = mmcWait(lambda, mu, 3);
    expectNear('M/M/3 wait', per(shared, (d) => d.nodes.orders!.waitTime), erlang, { bias: 0.01, precision: 0.08 });
    expect(erlang).toBeLessThan(theory / 2);
  });

  it('beyond the partition count, workers sit idle: capacity is partitions ÷ S', () => {
    // Offered 1.5 × what 3 partitions can take; 6 workers could take 200/s.
    const r = replicate(broker(150, { partitions: 3 }, { workers: 6 }, 3, 8, 600));
    expectNear('throughput', per(r, (d) => d.nodes.worker!.throughput), 3 * mu, { bias: 0.01, precision: 0.02 });
    const sixWorkers = replicate(broker(150, {}, { workers: 6 }, 3, 2, 600)).combined;
    expect(sixWorkers.nodes.worker!.throughput).toBeGreaterThan(145);
  });

  it('partitionSkew as shards have it: the hot partition takes (1 + s(P − 1)) ÷ P, each an M/M/1', () => {
    const lambda = 40;
    const skew = 0.25; // P = 3: hot 1/2, the two others 1/4 each
    const shares = [0.5, 0.25, 0.25];
    const r = replicate(broker(lambda, { partitions: 3, partitionSkew: skew }, { workers: 6 }, 4));
    const theory = shares.reduce((a, s) => a + s * mm1Wait(lambda * s), 0);
    expectNear('broker wait', per(r, (d) => d.nodes.orders!.waitTime), theory, { bias: 0.01, precision: 0.05 });
  });

  it('one partition: a consumer group handles its messages one at a time, however many workers', () => {
    const r = replicate(broker(20, { partitions: 1 }, { workers: 4, replicas: 2 }, 5, 8));
    expectNear('broker wait', per(r, (d) => d.nodes.orders!.waitTime), mm1Wait(20), { bias: 0.01, precision: 0.07 });
  });

  it('each subscription is its own consumer group: a slow group does not hold up a fast one', () => {
    const s = build({
      nodes: [
        poissonSource('producers', 20),
        { id: 'orders', kind: 'queue', partitions: 2 },
        service('fast', exponential(0.001), { workers: 2 }),
        service('slow', exponential(0.09), { workers: 2 }),
      ],
      edges: [edge('producers', 'orders', { mode: 'async' }), edge('orders', 'fast'), edge('orders', 'slow')],
      run: { duration: 2000, warmup: 100, replications: 6, seed: 6 },
    });
    const r = replicate(s).combined;
    // The slow group alone is two M/M/1 at 10/s with S = 0.09 (ρ = 0.9): a long wait it keeps to itself.
    expect(r.nodes.fast!.throughput).toBeCloseTo(20, 0);
    expect(r.nodes.slow!.throughput).toBeCloseTo(20, 0);
  });
});
