/**
 * Issue 9: the Sync screen names every queued command in the user's language. Every command the
 * domains declare has words in both languages (a new command without them fails here, not on a
 * user's screen as a wire name such as `okr.member.add`).
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';
import { COMMAND_TYPES } from '../../../platform/contract';
import { commandRegistry } from '../domains';

describe('command words on the Sync screen', () => {
  it('exist in Chinese and English for every declared command and every SPEC command', () => {
    const declared = COMMAND_TYPES.filter((type) => commandRegistry.declarationOf(type) !== undefined);
    expect(declared).toEqual(COMMAND_TYPES);
    for (const type of COMMAND_TYPES) {
      expect(zhCN.boards.sync.commandTypes, type).toHaveProperty([type]);
      expect(en.boards.sync.commandTypes, type).toHaveProperty([type]);
      expect((zhCN.boards.sync.commandTypes as Record<string, string>)[type]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
