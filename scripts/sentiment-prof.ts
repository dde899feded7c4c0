import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { readLabelledCsv, defaultResourcesDir } from '../electron/core/sentiment';
import { loadLexicon } from '../electron/core/sentiment/lexicon';
import { Analyzer } from '../electron/core/sentiment/analyzer';
import { normalizeText } from '../electron/core/sentiment/normalize';
const raw = readLabelledCsv(process.argv[2]!, { textColumn: 'review', labelColumn: 'label' }).rows.map((r) => r.text);
const lex = loadLexicon(defaultResourcesDir());
const j = Jieba.withDict(dict);
const norm = raw.map(normalizeText);
const cuts = norm.map((t) => j.cut(t, false));
let k = 0;
const fake = { cut: () => cuts[k++ % cuts.length] } as unknown as Jieba;
const an = new Analyzer(lex, fake);
const anyAn = an as unknown as { resolve: (t: string) => unknown };
function best(name: string, f: () => void) { f(); let b = 1e9; for (let i = 0; i < 9; i++) { const t = process.cpuUsage(); f(); const u = process.cpuUsage(t); b = Math.min(b, (u.user + u.system) / 1000); } console.log(name, (b * 1000 / raw.length).toFixed(2), 'µs/text'); }
best('resolve only', () => cuts.forEach((ts) => { for (const t of ts) anyAn.resolve(t); }));
best('analyze (pre-cut)', () => { k = 0; norm.forEach((t) => an.analyze(t)); });
best('jieba', () => norm.forEach((t) => j.cut(t, false)));
if (process.argv[3] === 'loop') for (let i = 0; i < 30; i++) { k = 0; norm.forEach((t) => an.analyze(t)); }
