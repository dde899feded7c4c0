import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { loadLexicon } from '../electron/core/sentiment/lexicon';
import { defaultResourcesDir, readLabelledCsv } from '../electron/core/sentiment';
const texts = readLabelledCsv('/work/shared/corpus/ChnSentiCorp_htl_all.csv', { textColumn: 'review', labelColumn: 'label' }).rows.map((r) => r.text.normalize('NFKC').toLowerCase());
function t(label: string, f: () => void) { f(); let best = 1e9; for (let r = 0; r < 5; r++) { const s = process.cpuUsage(); f(); const u = process.cpuUsage(s); best = Math.min(best, (u.user + u.system) / texts.length); } console.log(label, best.toFixed(1), 'us/text'); }
const lex = loadLexicon(defaultResourcesDir());
const plain = Jieba.withDict(dict);
const missing = lex.phrases.filter((p) => plain.cut(p, false).length > 1);
const extra = Buffer.from(missing.map((p) => `${p} 500`).join('\n') + '\n');
const loaded = Jieba.withDict(dict); loaded.loadDict(extra);
const combined = Jieba.withDict(Buffer.concat([Buffer.from(dict), Buffer.from('\n'), extra]));
for (let k = 0; k < 3; k++) { t('plain', () => texts.forEach((x) => plain.cut(x, false))); t('loaded', () => texts.forEach((x) => loaded.cut(x, false))); t('combined', () => texts.forEach((x) => combined.cut(x, false))); }
