/**
 * The yielding task loop that Web Workers run: it must give the numbers the plain loop
 * gives, hand control back between short chunks (that is what lets Chromium stop a
 * cancelled worker at once), and report a bad scenario as a failure, not a throw.
 */
import { describe, expect, it } from 'vitest';
import type { FromWorker, ReplicationTask } from '../../simulation/protocol/messages';
import { exponential, singleStation } from '../helpers/build';
import { handleTask, handleTaskYielding } from '../../simulation/runner/replicationTask';

const task = (taskId: number): ReplicationTask => ({
  taskId,
  replication: 1,
  scenario: singleStation(200, { workers: 2, work: exponential(0.005) }, { duration: 20, warmup: 1, replications: 2, seed: 71 }),
});

function collect(): { messages: FromWorker[]; post: (m: FromWorker) => void } {
  const messages: FromWorker[] = [];
  return { messages, post: (m) => messages.push(m) };
}

describe('handleTaskYielding', () => {
  it('gives the tally the plain loop gives, whatever the chunk size', async () => {
    const plain = collect();
    handleTask(task(1), plain.post);
    const yielding = collect();
    await handleTaskYielding(task(2), yielding.post, () => Promise.resolve(), 997);
    const done = (ms: FromWorker[]) => ms.find((m) => m.type === 'done');
    expect(done(yielding.messages)).toBeDefined();
    expect(JSON.stringify((done(yielding.messages) as { tally: unknown }).tally)).toBe(JSON.stringify((done(plain.messages) as { tally: unknown }).tally));
  });

  it('returns to the event loop after every chunk and reports progress every tenth', async () => {
    const { messages, post } = collect();
    let pauses = 0;
    await handleTaskYielding(task(3), post, () => {
      pauses++;
      return Promise.resolve();
    }, 1000, 10);
    const done = messages.find((m) => m.type === 'done') as { tally: { events: number } } | undefined;
    const events = done!.tally.events;
    // One pause per chunk that did not finish the run.
    expect(pauses).toBe(Math.ceil(events / 1000) - 1);
    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress.length).toBe(Math.floor(pauses / 10) + 1);
  });

  it('does no more work while its pause has not returned (a terminated worker stops there)', async () => {
    const { messages, post } = collect();
    let pauses = 0;
    const never = new Promise<void>(() => undefined);
    void handleTaskYielding(task(4), post, () => {
      pauses++;
      return never;
    }, 1000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pauses).toBe(1);
    expect(messages).toEqual([]);
  });

  it('reports a scenario it cannot compile as a failed task', async () => {
    const { messages, post } = collect();
    const bad = task(5);
    bad.scenario = { ...bad.scenario, edges: [{ from: 'users', to: 'nowhere' }] } as ReplicationTask['scenario'];
    await handleTaskYielding(bad, post, () => Promise.resolve());
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'failed', taskId: 5 });
    expect((messages[0] as { message: string }).message).toMatch(/nowhere/);
  });
});
