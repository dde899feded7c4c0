/**
 * Opaque feed cursors: base64url of "resource.position.epoch.world.instance.issued.mac". The mac
 * catches garbage (400 bad_cursor). A cursor this server no longer knows answers 410
 * cursor_expired: one from an older epoch (explicit expiry), another world (seed, scale or start
 * time), another server instance (positions in the in-memory change log), or one older than the
 * cursor TTL. Positions inside the generated part of a feed are the same for every instance of the
 * same world, so those cursors survive a restart.
 */
import { salt } from './rng';

export interface CursorState {
  resource: string;
  pos: number;
  epoch: number;
  world: number; // fingerprint of seed + scale + start time
  instance: number; // 0 while the position is inside the generated records
  issued: number; // wall-clock ms when issued; 0 when no cursor TTL was set
}

const MAC_KEY = 'ops-cockpit-platform-sim';
const FIELDS = 7;

function mac(payload: string): string {
  return salt(MAC_KEY + payload).toString(36);
}

export function encodeCursor(c: CursorState): string {
  const payload = `${c.resource}.${c.pos}.${c.epoch}.${c.world}.${c.instance}.${c.issued}`;
  return Buffer.from(`${payload}.${mac(payload)}`, 'utf8').toString('base64url');
}

/** Decoded cursor, or null when it is not one of ours. */
export function decodeCursor(text: string): CursorState | null {
  if (text.length === 0 || text.length > 300 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const parts = Buffer.from(text, 'base64url').toString('utf8').split('.');
  if (parts.length !== FIELDS) return null;
  const check = parts.pop() as string;
  if (mac(parts.join('.')) !== check) return null;
  const [resource, ...rest] = parts as [string, ...string[]];
  const numbers = rest.map(Number);
  if (numbers.some((n) => !Number.isSafeInteger(n) || n < 0)) return null;
  const [pos, epoch, world, instance, issued] = numbers as [number, number, number, number, number];
  return { resource, pos, epoch, world, instance, issued };
}
