/**
 * Saving the page as a PDF (Electron's `webContents.printToPDF`): the same print stylesheet as a
 * browser's print, A4 landscape with backgrounds, saved where the user picks in a save dialog and
 * written atomically (a temporary file renamed into place, so a full disk never leaves half a
 * PDF under the chosen name). Reached from the renderer's export button (IPC, sender checked) and
 * from File › Save page as PDF.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PdfExportResult } from '../core/api/bridge';
import type { IpcSenderFrame } from './ipc';
import { isTrustedSender } from './security';

interface PdfOptions {
  landscape: boolean;
  printBackground: boolean;
  pageSize: 'A4';
  /** The print stylesheet's @page (size, margins and the stamp in its margin boxes) wins. */
  preferCSSPageSize: boolean;
  /** Inches; room for the stamp that the stylesheet writes into the page's top margin. */
  margins: { top: number; bottom: number; left: number; right: number };
}

/** The parts of Electron this needs, so that it can be tested without the binary. */
export interface PdfSource {
  printToPDF(options: PdfOptions): Promise<Uint8Array>;
}

export interface PdfExportHost {
  /** The save dialog; resolves to the chosen path, or null when cancelled. */
  chooseTarget(suggestedName: string): Promise<string | null>;
  writeFile?(file: string, bytes: Uint8Array): Promise<void>;
}

/** What the renderer may suggest as a name: a plain file name ending in .pdf, nothing of a path. */
export function pdfFileName(suggested: unknown): string {
  const text = typeof suggested === 'string' ? suggested : '';
  const printable = [...text].map((ch) => (ch < ' ' || ch === '\u007f' ? '-' : ch)).join('');
  const base = path.basename(printable.replace(/\\/g, '/')).replace(/[<>:"/\\|?*]+/g, '-').slice(0, 150).trim();
  const named = base === '' || base === '.' || base === '..' ? 'cockpit' : base;
  return named.toLowerCase().endsWith('.pdf') ? named : `${named}.pdf`;
}

export async function exportPdf(source: PdfSource, host: PdfExportHost, suggestedName: unknown): Promise<PdfExportResult> {
  try {
    const target = await host.chooseTarget(pdfFileName(suggestedName));
    if (target === null) return { ok: true, saved: null };
    const bytes = await source.printToPDF({ landscape: true, printBackground: true, pageSize: 'A4', preferCSSPageSize: true, margins: { top: 0.55, bottom: 0.45, left: 0.4, right: 0.4 } });
    await (host.writeFile ?? writeAtomically)(target, bytes);
    return { ok: true, saved: target };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.partial`;
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** The IPC side: only the cockpit's own top frame may ask, and it prints itself, never another window. */
export function createPdfExportHandler(host: (source: PdfSource) => PdfExportHost, rendererOrigin: () => string) {
  return async (sender: IpcSenderFrame | null, source: PdfSource, suggestedName: unknown): Promise<PdfExportResult> => {
    if (!isTrustedSender(sender, rendererOrigin())) return { ok: false, message: 'PDF export is accepted only from the cockpit window' };
    return exportPdf(source, host(source), suggestedName);
  };
}
