import { describe, expect, it } from 'vitest';
import { commandQueuedKey, outboxSummary, percentDone, shownEta, shownOutboxState, shownResourceState, syncNowOutcome } from './sync-words';

describe('shownOutboxState', () => {
  it('never says "sent" while offline, nor after a request that failed', () => {
    expect(shownOutboxState({ state: 'sent', lastError: null }, false)).toBe('waiting');
    expect(shownOutboxState({ state: 'sent', lastError: 'platform unreachable (ECONNREFUSED)' }, true)).toBe('waiting');
    expect(shownOutboxState({ state: 'pending', lastError: null }, false)).toBe('waiting');
  });

  it('says "sent" once a request carried it, and keeps the final states', () => {
    expect(shownOutboxState({ state: 'sent', lastError: null }, true)).toBe('sent');
    expect(shownOutboxState({ state: 'pending', lastError: null }, true)).toBe('pending');
    expect(shownOutboxState({ state: 'done', lastError: null }, false)).toBe('done');
    expect(shownOutboxState({ state: 'conflict', lastError: null }, false)).toBe('conflict');
  });
});

describe('resources while offline', () => {
  it('are paused, with no time left promised', () => {
    expect(shownResourceState({ state: 'catching_up' }, false)).toBe('paused');
    expect(shownResourceState({ state: 'catching_up' }, true)).toBe('catching_up');
    expect(shownEta({ state: 'catching_up', etaSeconds: 0 }, false)).toBeNull();
    expect(shownEta({ state: 'catching_up', etaSeconds: 12 }, true)).toBe(12);
    expect(shownEta({ state: 'caught_up', etaSeconds: 0 }, true)).toBeNull();
  });
});

describe('outboxSummary', () => {
  it('online: what waits, what was sent and awaits the platform’s answer', () => {
    expect(outboxSummary({ online: true, outbox: { pending: 1, sent: 2, conflict: 0, rejected: 3 } })).toEqual({
      key: 'boards.sync.outboxCounts',
      values: { pending: 1, sent: 2, conflict: 0, rejected: 3 },
    });
  });

  it('offline: everything unsent is waiting for the platform', () => {
    expect(outboxSummary({ online: false, outbox: { pending: 1, sent: 2, conflict: 1, rejected: 0 } })).toEqual({
      key: 'boards.sync.outboxCountsOffline',
      values: { waiting: 3, conflict: 1, rejected: 0 },
    });
  });
});

describe('what sync now and a queued command promise', () => {
  it('offline, sync runs when the platform is back; a command is sent then', () => {
    expect(syncNowOutcome({ online: false, unauthorized: false })).toBe('whenOnline');
    expect(syncNowOutcome({ online: true, unauthorized: false })).toBe('started');
    expect(syncNowOutcome({ online: true, unauthorized: true })).toBe('unauthorized');
    expect(commandQueuedKey(true)).toBe('boards.sync.commandQueued');
    expect(commandQueuedKey(false)).toBe('boards.sync.commandQueuedOffline');
  });
});

describe('percentDone', () => {
  it('is received / (received + rate × ETA), at most 99 until caught up', () => {
    expect(percentDone({ state: 'catching_up', rowsReceived: 300, rowsPerSec: 100, etaSeconds: 1 })).toBe(75);
    expect(percentDone({ state: 'catching_up', rowsReceived: 300, rowsPerSec: 100, etaSeconds: 0 })).toBe(99);
    expect(percentDone({ state: 'caught_up', rowsReceived: 0, rowsPerSec: 0, etaSeconds: null })).toBe(100);
    expect(percentDone({ state: 'bootstrapping', rowsReceived: 10, rowsPerSec: 5, etaSeconds: null })).toBeNull();
  });
});
