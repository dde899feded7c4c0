import { Jieba } from '@node-rs/jieba';
import { createSentimentEngine, defaultResourcesDir, readLabelledCsv } from '../electron/core/sentiment';
const file = process.argv[2] ?? '/work/shared/corpus/ChnSentiCorp_htl_all.csv';
const texts = readLabelledCsv(file, { textColumn: 'review', labelColumn: 'label' }).rows.map((r) => r.text);
function t(label: string, f: () => void) { f(); let best = 1e9; for (let r = 0; r < 7; r++) { const s = process.cpuUsage(); f(); const u = process.cpuUsage(s); best = Math.min(best, (u.user + u.system) / texts.length); } console.log(label, best.toFixed(1), 'us/text', Math.round(1e6 / best), '/s'); }
const engine = createSentimentEngine({ resourcesDir: "/work/main/resources" });
t('engine', () => engine.scoreMany(texts));
const orig = Jieba.prototype.cut;
const cache = new Map<string, string[]>();
Jieba.prototype.cut = function (this: Jieba, s: string | Uint8Array, h?: boolean | null) { const k = s as string; let c = cache.get(k); if (!c) { c = orig.call(this, s, h); cache.set(k, c); } return c; } as typeof orig;
for (let k = 0; k < 6; k++) engine.scoreMany(texts); t("x", () => engine.scoreMany(texts));
