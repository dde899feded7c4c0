/**
 * Tiering rule sets, versioned and kept locally in the `settings` table (one JSON value). Saving
 * an edited rule set adds a version; applying one makes it the active version (board.ts).
 */
import type Database from 'better-sqlite3';
import type { RuleSet } from '../api/merchants';
import { DEFAULT_RULE_SET, parseRuleSet } from './rules';

export const RULE_SETS_KEY = 'merchants.ruleSets';

export interface RuleSetVersion {
  version: number;
  savedAt: string;
  rules: RuleSet;
}

export interface RuleSets {
  activeVersion: number;
  versions: RuleSetVersion[];
}

/** Before anything is saved: version 1 is the shipped default, active. */
const INITIAL: RuleSets = { activeVersion: 1, versions: [{ version: 1, savedAt: '1970-01-01T08:00:00+08:00', rules: DEFAULT_RULE_SET }] };

export class RuleSetStore {
  constructor(private readonly sqlite: Database.Database) {}

  read(): RuleSets {
    const row = this.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(RULE_SETS_KEY) as string | undefined;
    if (row === undefined) return INITIAL;
    try {
      const value = JSON.parse(row) as RuleSets;
      const versions = value.versions.map((v) => ({ version: v.version, savedAt: v.savedAt, rules: parseRuleSet(v.rules) }));
      if (versions.length === 0 || !versions.some((v) => v.version === value.activeVersion)) return INITIAL;
      return { activeVersion: value.activeVersion, versions };
    } catch {
      return INITIAL; // a damaged value must not take the board down: start again from the default
    }
  }

  active(): RuleSetVersion {
    const sets = this.read();
    return sets.versions.find((v) => v.version === sets.activeVersion) as RuleSetVersion;
  }

  version(version: number): RuleSetVersion | undefined {
    return this.read().versions.find((v) => v.version === version);
  }

  save(rules: RuleSet, savedAt: string): RuleSetVersion {
    const sets = this.read();
    const saved = { version: Math.max(...sets.versions.map((v) => v.version)) + 1, savedAt, rules };
    this.write({ activeVersion: sets.activeVersion, versions: [...sets.versions, saved] }, savedAt);
    return saved;
  }

  activate(version: number, at: string): void {
    const sets = this.read();
    this.write({ ...sets, activeVersion: version }, at);
  }

  private write(sets: RuleSets, at: string): void {
    this.sqlite
      .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(RULE_SETS_KEY, JSON.stringify(sets), at);
  }
}
