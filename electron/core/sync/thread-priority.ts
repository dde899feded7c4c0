/**
 * Background work should lose to the UI when the machine is busy: on a 2-core laptop a bootstrap
 * of millions of rows keeps one core busy, and a UI thread that must wait for a core stutters.
 * Linux schedules threads, not processes, and `setpriority(PRIO_PROCESS, tid)` changes a single
 * thread, so the worker that runs the sync can lower its own priority without touching the UI
 * thread of the same process. Elsewhere (macOS, Windows) thread ids are not exposed to Node: this
 * does nothing there and says so.
 */
import fs from 'node:fs';
import os from 'node:os';

/**
 * Lowers the calling thread's priority to `niceness` (0 = normal, 19 = lowest). Returns true when
 * done. Never throws: a refused change (containers, policies) only means normal priority.
 */
export function lowerCurrentThreadPriority(niceness = 10): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // /proc/thread-self -> "<pid>/task/<tid>" for the calling thread (Linux ≥ 3.17).
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isSafeInteger(tid) || tid <= 0) return false;
    if (os.getPriority(tid) >= niceness) return true;
    os.setPriority(tid, niceness);
    return true;
  } catch {
    return false;
  }
}
