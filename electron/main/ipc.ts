import { ApiError, parseCall, type CallResult } from '../core/api';
import type { CoreClient } from '../core/runtime/worker-client';
import { toWellFormedDeep } from '../core/sync/codec';
import { isTrustedSender } from './security';

export interface IpcSenderFrame {
  url: string;
  isMainFrame: boolean;
}

/**
 * The body of the single `ipcMain.handle` channel: check the sender frame, validate the call
 * against the contract, then forward it to the core worker. Every failure is a typed answer.
 */
export function createIpcCallHandler(core: CoreClient, rendererOrigin: () => string) {
  return async (sender: IpcSenderFrame | null, method: unknown, input: unknown): Promise<CallResult> => {
    if (!isTrustedSender(sender, rendererOrigin())) {
      return { ok: false, error: new ApiError('forbidden_sender', 'Calls are accepted only from the cockpit window').toBody() };
    }
    try {
      // User text is stored as it arrives: a lone surrogate becomes one U+FFFD here, not bad UTF-8 on disk.
      const call = parseCall(method, toWellFormedDeep(input));
      return await core.call(call.method, call.input);
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: error.toBody() };
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}
