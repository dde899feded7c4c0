/**
 * The text of each page of a PDF (pdf.js), for tests that check what was printed. NFKC: the CJK
 * fonts map some characters to their Kangxi radical look-alikes (至 comes out as ⾄).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n += 1) {
      const content = await (await document.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').normalize('NFKC'));
    }
    return pages;
  } finally {
    await document.destroy();
  }
}
