import { describe, expect, it } from 'vitest';
import { riskOrder } from './risk';

describe('risk order', () => {
  it('keeps active teams only, off track first, the furthest behind first, then by id', () => {
    const teams = [
      { id: 't1', status: 'active', pace: 'on_track', shortfall: 0.05 },
      { id: 't2', status: 'active', pace: 'off_track', shortfall: 0.3 },
      { id: 't3', status: 'active', pace: 'at_risk', shortfall: 0.2 },
      { id: 't4', status: 'active', pace: 'off_track', shortfall: 0.6 },
      { id: 't5', status: 'closed', pace: 'closed', shortfall: 0.9 },
      { id: 't6', status: 'forming', pace: 'not_started', shortfall: 0 },
      { id: 't7', status: 'active', pace: 'no_key_results', shortfall: null },
      { id: 't0', status: 'active', pace: 'off_track', shortfall: 0.3 },
    ] as const;
    expect(riskOrder(teams).map((t) => t.id)).toEqual(['t4', 't0', 't2', 't3', 't1', 't7']);
  });
});
