import { describe, expect, it } from 'vitest';
import { alertsToEscalate, SLA_BREACH_NOTE, type EscalationCandidate } from './sla';

const NOW = Date.parse('2026-11-11T12:00:00+08:00');

function alert(id: string, openedAt: string, overrides: Partial<EscalationCandidate> = {}): EscalationCandidate {
  return { id, status: 'open', openedAt, slaDueAt: null, escalationLevel: 0, comments: [], ...overrides };
}

describe('automatic escalation of SLA breaches', () => {
  it('escalates an alert whose 2-hour response time ran out in the recent window, once', () => {
    const breached = alert('al_recent', '2026-11-11T09:50:00+08:00'); // due 11:50, 10 minutes ago
    expect(alertsToEscalate([breached], new Set(), NOW).map((a) => a.id)).toEqual(['al_recent']);
    expect(alertsToEscalate([breached], new Set(['al_recent']), NOW)).toEqual([]);
    expect(alertsToEscalate([{ ...breached, comments: [{ text: SLA_BREACH_NOTE }] }], new Set(), NOW)).toEqual([]);
  });

  it('leaves alone what is not breached, already responded to, at the top level, or breached long ago', () => {
    const candidates = [
      alert('al_on_time', '2026-11-11T11:00:00+08:00'), // due 13:00
      alert('al_responding', '2026-11-11T09:00:00+08:00', { status: 'responding' }),
      alert('al_top', '2026-11-11T09:30:00+08:00', { escalationLevel: 3 }),
      alert('al_history', '2026-11-10T08:00:00+08:00'), // breached yesterday: history from a first sync
      alert('al_own_due', '2026-11-11T08:00:00+08:00', { slaDueAt: '2026-11-11T13:00:00+08:00' }), // keeps its own due time
    ];
    expect(alertsToEscalate(candidates, new Set(), NOW)).toEqual([]);
  });
});
