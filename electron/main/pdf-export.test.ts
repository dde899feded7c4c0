import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPdfExportHandler, exportPdf, pdfFileName, type PdfSource } from './pdf-export';

const PDF = new TextEncoder().encode('%PDF-1.7 fake');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-export-'));
  dirs.push(dir);
  return dir;
}

const source = (bytes = PDF): PdfSource & { printToPDF: ReturnType<typeof vi.fn> } => ({ printToPDF: vi.fn(() => Promise.resolve(bytes)) });

describe('saving the page as PDF', () => {
  it('keeps only a plain file name from what the renderer suggests', () => {
    expect(pdfFileName('复盘 2026-12-03')).toBe('复盘 2026-12-03.pdf');
    expect(pdfFileName('../../etc/passwd')).toBe('passwd.pdf');
    expect(pdfFileName('C:\\Windows\\evil.PDF')).toBe('evil.PDF');
    expect(pdfFileName('a:b*c?.pdf')).toBe('a-b-c-.pdf');
    expect(pdfFileName(42)).toBe('cockpit.pdf');
    expect(pdfFileName('..')).toBe('cockpit.pdf');
  });

  it('prints A4 landscape with backgrounds into the file the user chose', async () => {
    const target = path.join(tempDir(), 'pack.pdf');
    const pdf = source();
    const chooseTarget = vi.fn(() => Promise.resolve(target));
    await expect(exportPdf(pdf, { chooseTarget }, 'pack')).resolves.toEqual({ ok: true, saved: target });
    expect(chooseTarget).toHaveBeenCalledWith('pack.pdf');
    expect(pdf.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ landscape: true, printBackground: true, pageSize: 'A4' }));
    expect(fs.readFileSync(target, 'utf8')).toBe('%PDF-1.7 fake');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['pack.pdf']);
  });

  it('does not print when the user cancels the dialog', async () => {
    const pdf = source();
    await expect(exportPdf(pdf, { chooseTarget: () => Promise.resolve(null) }, 'x')).resolves.toEqual({ ok: true, saved: null });
    expect(pdf.printToPDF).not.toHaveBeenCalled();
  });

  it('says why a write failed and leaves no partial file behind', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'missing-folder', 'pack.pdf');
    const answer = await exportPdf(source(), { chooseTarget: () => Promise.resolve(target) }, 'pack');
    expect(answer.ok).toBe(false);
    expect(answer.ok === false && answer.message).toMatch(/ENOENT/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('answers other frames than the cockpit window with a refusal, without printing', async () => {
    const pdf = source();
    const chooseTarget = vi.fn(() => Promise.resolve('/tmp/x.pdf'));
    const handle = createPdfExportHandler(() => ({ chooseTarget }), () => 'file://');
    const answer = await handle({ url: 'https://evil.example/', isMainFrame: true }, pdf, 'x');
    expect(answer).toEqual({ ok: false, message: expect.stringMatching(/only from the cockpit window/) });
    expect(chooseTarget).not.toHaveBeenCalled();
    expect(pdf.printToPDF).not.toHaveBeenCalled();
  });
});

describe('the File menu', () => {
  it('offers Save page as PDF on Ctrl/Cmd+P in both languages', async () => {
    const { menuTemplate } = await import('./menu');
    for (const [language, label] of [['zh-CN', '保存页面为 PDF…'], ['en', 'Save Page as PDF…']] as const) {
      const onSavePdf = vi.fn();
      const file = menuTemplate(language, () => undefined, true, undefined, onSavePdf)[0] as { submenu: { label?: string; accelerator?: string; click?: () => void }[] };
      const item = file.submenu.find((entry) => entry.label === label);
      expect(item?.accelerator).toBe('CmdOrCtrl+P');
      item?.click?.();
      expect(onSavePdf).toHaveBeenCalledOnce();
    }
  });
});
