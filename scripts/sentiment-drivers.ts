/**
 * Development aid: which lexicon entries most often push texts the wrong way on a labelled CSV.
 * `npx tsx scripts/sentiment-drivers.ts FILE.csv...` (not used by the app or the tests).
 */
import { createSentimentEngine, defaultResourcesDir, readLabelledCsv } from '../electron/core/sentiment';

const engine = createSentimentEngine({ resourcesDir: defaultResourcesDir() });
const stats = new Map<string, { wrongWay: number; rightWay: number }>();
for (const file of process.argv.slice(2)) {
  for (const row of readLabelledCsv(file, { textColumn: 'review', labelColumn: 'label' }).rows) {
    const result = engine.score(row.text);
    for (const driver of result.drivers) {
      const key = driver.weight > 0 ? `+${driver.text}` : `-${driver.text}`;
      const item = stats.get(key) ?? { wrongWay: 0, rightWay: 0 };
      if ((driver.weight > 0) === (row.label === 1)) item.rightWay++;
      else item.wrongWay++;
      stats.set(key, item);
    }
  }
}
const rows = [...stats].filter(([, s]) => s.wrongWay >= 15 && s.wrongWay > s.rightWay * 0.6).sort((a, b) => b[1].wrongWay - a[1].wrongWay);
for (const [key, s] of rows.slice(0, 60)) process.stdout.write(`${key}\twrong ${s.wrongWay}\tright ${s.rightWay}\n`);
