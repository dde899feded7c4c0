import type { CoreEvent, MethodName } from './contract';
import type { CallResult } from './errors';

/**
 * The object the Electron preload exposes as `window.cockpit`, and the shape the browser-mode
 * transport imitates. No channels: the renderer cannot reach anything else.
 */
export interface CockpitBridge {
  call(method: MethodName, input: unknown): Promise<CallResult>;
  /** Returns the function that unsubscribes. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /**
   * Electron only: the page as a PDF (Chromium's printToPDF, print stylesheet applied), saved where
   * the user picks in a save dialog; `saved` is null when the user cancelled. The renderer only
   * suggests a file name; it never chooses a path.
   */
  exportPdf?(suggestedName: string): Promise<PdfExportResult>;
}

export type PdfExportResult = { ok: true; saved: string | null } | { ok: false; message: string };

/** IPC channel names shared by preload and main; the renderer never sees them. */
export const IPC_CALL_CHANNEL = 'cockpit:call';
export const IPC_EVENT_CHANNEL = 'cockpit:event';
export const IPC_EXPORT_PDF_CHANNEL = 'cockpit:export-pdf';
