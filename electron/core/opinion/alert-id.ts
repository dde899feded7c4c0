/**
 * Alert identity (SPEC "Commands": alert ids are derived by the client from the dedup key and the
 * window in which the alert opened, so two cockpits that open the same alert send the same id and
 * the platform keeps one).
 *
 * - dedup key: `<topic>:<subject_type>:<subject_id>`, with `platform` as the id of the platform-wide
 *   subject — the form the platform's own monitoring uses, so its alerts and ours dedupe together.
 * - opening window: floor(opened_at in Unix ms ÷ window length), the window length being
 *   `alertWindowHours` (6 h by default, as the platform's monitoring).
 * - id: a UUIDv7 (the SPEC's form for client ids) whose 48-bit timestamp is the window's start and
 *   whose 74 other bits are the first bits of SHA-256(`<dedup key>@<window index>`).
 */
import { createHash } from 'node:crypto';

const HOUR_MS = 3_600_000;

export function dedupKeyOf(topic: string, subjectType: string, subjectId: string | null): string {
  return `${topic}:${subjectType}:${subjectId ?? 'platform'}`;
}

export function openingWindowOf(openedAtMs: number, windowHours: number): number {
  return Math.floor(openedAtMs / (windowHours * HOUR_MS));
}

export function alertIdFor(dedupKey: string, openedAtMs: number, windowHours: number): string {
  const window = openingWindowOf(openedAtMs, windowHours);
  const startMs = window * windowHours * HOUR_MS;
  const digest = createHash('sha256').update(`${dedupKey}@${window}`).digest('hex');
  const time = startMs.toString(16).padStart(12, '0').slice(-12);
  const variant = ((parseInt(digest.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${digest.slice(0, 3)}-${variant}${digest.slice(4, 7)}-${digest.slice(7, 19)}`;
}
