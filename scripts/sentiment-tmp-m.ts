import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { readLabelledCsv } from '../electron/core/sentiment';
const texts = readLabelledCsv('/work/shared/corpus/ChnSentiCorp_htl_all.csv', { textColumn: 'review', labelColumn: 'label' }).rows.map((r) => r.text);
const j = Jieba.withDict(dict);
function t(label: string, f: () => number) { f(); let best = 1e9; let r0 = 0; for (let r = 0; r < 7; r++) { const s = process.cpuUsage(); r0 += f(); const u = process.cpuUsage(s); best = Math.min(best, (u.user + u.system) / texts.length); } console.log(label, best.toFixed(2), 'us/text', r0 > -1 ? '' : ''); }
const toks = texts.map((x) => j.cut(x, false));
const m = new Map<string, number>(); for (const ts of toks) for (const x of ts) if (x.length >= 2) m.set(x.slice(0), 1);
t('cut', () => { let n = 0; for (const x of texts) n += j.cut(x, false).length; return n; });
t('charcode', () => { let n = 0; for (const ts of toks) for (const x of ts) n += x.charCodeAt(0); return n; });
t('map all', () => { let n = 0; for (const ts of toks) for (const x of ts) n += m.get(x) ?? 0; return n; });
t('fresh cut+map', () => { let n = 0; for (const x of texts) for (const y of j.cut(x, false)) n += m.get(y) ?? 0; return n; });
t('fresh cut+charcode', () => { let n = 0; for (const x of texts) for (const y of j.cut(x, false)) n += y.charCodeAt(0); return n; });
const nm = new Map<number, number>(); for (const ts of toks) for (const x of ts) if (x.length === 2) nm.set((x.charCodeAt(0) - 0x4e00) * 20992 + x.charCodeAt(1) - 0x4e00, 1);
t('fresh cut+nummap', () => { let n = 0; for (const x of texts) for (const y of j.cut(x, false)) n += y.length === 2 ? nm.get((y.charCodeAt(0) - 0x4e00) * 20992 + y.charCodeAt(1) - 0x4e00) ?? 0 : 0; return n; });
