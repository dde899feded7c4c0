import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { readLabelledCsv } from '../electron/core/sentiment';
const texts = readLabelledCsv('/work/shared/corpus/ChnSentiCorp_htl_all.csv', { textColumn: 'review', labelColumn: 'label' }).rows.map((r) => r.text);
const j = Jieba.withDict(dict);
const c = new Map<string, number>();
for (const x of texts) for (const t of j.cut(x, false)) { const k = /^\s+$/.test(t) ? 'space' : /^[\u4e00-\u9fff]+$/.test(t) ? 'han' + Math.min(t.length, 3) : /^[，。！？、,.!?~]+$/.test(t) ? 'punct' : 'other' + Math.min(t.length, 2); c.set(k, (c.get(k) ?? 0) + 1); }
console.log([...c].map(([k, v]) => `${k} ${(v / texts.length).toFixed(1)}`).join('  '));
