import { eq } from 'drizzle-orm';
import type { CockpitDb } from '../../../db/open';
import { settings as settingsTable } from '../../../db/schema';
import { settingsSchema, type Settings } from '../api';

const DEFAULT_SETTINGS: Settings = { language: 'zh-CN', theme: 'light' };
const SETTINGS_KEY = 'ui';

/** Local UI preferences. They belong to this desk, not to the platform, so they are never synced. */
export class SettingsService {
  constructor(private readonly db: CockpitDb) {}

  get(): Settings {
    const row = this.db.select().from(settingsTable).where(eq(settingsTable.key, SETTINGS_KEY)).get();
    const parsed = settingsSchema.partial().safeParse(row?.value ?? {});
    return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
  }

  update(patch: Partial<Settings>): Settings {
    const next = { ...this.get(), ...patch };
    const updatedAt = new Date().toISOString();
    this.db
      .insert(settingsTable)
      .values({ key: SETTINGS_KEY, value: next, updatedAt })
      .onConflictDoUpdate({ target: settingsTable.key, set: { value: next, updatedAt } })
      .run();
    return next;
  }
}
