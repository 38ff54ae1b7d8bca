/** Which call rate is shown: the run's while it is current and lines up with the calls, the estimate otherwise. */
import { describe, expect, it } from 'vitest';
import type { Edge } from '../../../simulation/model/schema';
import type { ResultDocument } from '../../../simulation/model/result';
import { callRate, measuredEdgeRates } from './edgeRates';

const edges: Edge[] = [
  { from: 'api', to: 'db' },
  { from: 'api', to: 'cache' },
] as Edge[];
const estimated = [80, 240];
const result = (rates: ResultDocument['edges']) => ({ edges: rates }) as ResultDocument;
const measured = result([
  { from: 'api', to: 'db', rate: 79.4 },
  { from: 'api', to: 'cache', rate: 238.1 },
]);

describe('call rates', () => {
  it('are measured while the result is current', () => {
    const rates = measuredEdgeRates(edges, measured, false);
    expect(rates).toEqual([79.4, 238.1]);
    expect(callRate(1, rates, estimated)).toEqual({ rate: 238.1, measured: true });
  });

  it('are estimated without a result, or once it is stale', () => {
    expect(callRate(0, measuredEdgeRates(edges, null, false), estimated)).toEqual({ rate: 80, measured: false });
    expect(callRate(0, measuredEdgeRates(edges, measured, true), estimated)).toEqual({ rate: 80, measured: false });
  });

  it('are estimated when the result does not line up call for call', () => {
    expect(measuredEdgeRates(edges.slice(0, 1), measured, false)).toBeNull();
    expect(measuredEdgeRates([...edges].reverse(), measured, false)).toBeNull();
    // Results from before they carried edge rates.
    expect(measuredEdgeRates(edges, {} as ResultDocument, false)).toBeNull();
  });

  it('keep a measured zero (a call nobody made) rather than fall back to the estimate', () => {
    const idle = result([
      { from: 'api', to: 'db', rate: 0 },
      { from: 'api', to: 'cache', rate: 238.1 },
    ]);
    expect(callRate(0, measuredEdgeRates(edges, idle, false), estimated)).toEqual({ rate: 0, measured: true });
  });

  it('fall back to zero for a call the estimate has no rate for', () => {
    expect(callRate(5, null, estimated)).toEqual({ rate: 0, measured: false });
  });
});
