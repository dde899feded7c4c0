import { describe, expect, it } from 'vitest';
import { actionForKey, type RowAction } from './row-actions';

interface Alert {
  status: 'open' | 'acknowledged';
}

const ran: string[] = [];
const acknowledge: RowAction<Alert> = { id: 'ack', label: '确认', shortcut: 'a', available: (row) => row.status === 'open', run: () => ran.push('ack') };
const resolve: RowAction<Alert> = { id: 'resolve', label: '解决', shortcut: 'r', available: () => true, run: () => ran.push('resolve') };
const actions = [acknowledge, resolve];

describe('actionForKey', () => {
  it('runs the first offered action on Enter, on the action cell only', () => {
    expect(actionForKey(actions, { status: 'open' }, { key: 'Enter' }, true)).toBe(acknowledge);
    expect(actionForKey(actions, { status: 'acknowledged' }, { key: 'Enter' }, true)).toBe(resolve);
    expect(actionForKey(actions, { status: 'open' }, { key: 'Enter' }, false)).toBeUndefined();
  });

  it('runs an action by its letter from any cell, either case, never with a modifier', () => {
    expect(actionForKey(actions, { status: 'open' }, { key: 'R' }, false)).toBe(resolve);
    expect(actionForKey(actions, { status: 'open' }, { key: 'a' }, false)).toBe(acknowledge);
    expect(actionForKey(actions, { status: 'acknowledged' }, { key: 'a' }, false)).toBeUndefined();
    expect(actionForKey(actions, { status: 'open' }, { key: 'a', ctrlKey: true }, false)).toBeUndefined();
    expect(actionForKey(actions, { status: 'open' }, { key: 'ArrowDown' }, false)).toBeUndefined();
  });

  it('does not run an action that is still busy', () => {
    const busy = { ...acknowledge, busy: () => true };
    expect(actionForKey([busy], { status: 'open' }, { key: 'Enter' }, true)).toBeUndefined();
  });
});
