/**
 * The preload exposes exactly one object, `window.cockpit`: calls, events and the PDF export. No ipcRenderer,
 * no channel names, no Node: the renderer can only make calls the core's contract declares.
 * Built as CommonJS because a sandboxed preload cannot be an ES module.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_EXPORT_PDF_CHANNEL, type CockpitBridge, type PdfExportResult } from '../core/api/bridge';
import type { CoreEvent, MethodName } from '../core/api/contract';
import type { CallResult } from '../core/api/errors';

const bridge: CockpitBridge = {
  call: (method: MethodName, input: unknown) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input) as Promise<CallResult>,
  onEvent(listener: (event: CoreEvent) => void) {
    const forward = (_event: IpcRendererEvent, payload: CoreEvent): void => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
  exportPdf: (suggestedName: string) => ipcRenderer.invoke(IPC_EXPORT_PDF_CHANNEL, String(suggestedName)) as Promise<PdfExportResult>,
};

contextBridge.exposeInMainWorld('cockpit', bridge);
