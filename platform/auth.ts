/**
 * Tokens and operator scopes. Tokens are derived from the seed, so a restarted server with the
 * same seed accepts the same tokens. Scope: an operator manages level-1 categories; every
 * category below them is in scope too.
 */
import { hash3 } from './rng';
import type { Scope } from './state';
import { SALTS, type World } from './world';

export interface Operator {
  token: string;
  id: string; // person id (p_0000…) or "admin"
  name: string;
  department: string;
  category_ids: string[]; // level-1 category ids
  scope: Scope; // null = all categories
  isAdmin: boolean;
}

/** Level-1 category ordinals (CATEGORY_TREE order) of the narrower operators. */
const OPERATOR_CATEGORIES: readonly (readonly number[])[] = [[0, 1], [2], [3, 4, 9], [5, 6, 7, 8, 10, 11]];

function tokenHex(seed: number, n: number): string {
  return hash3(seed, SALTS.token, n * 2).toString(16).padStart(8, '0') + hash3(seed, SALTS.token, n * 2 + 1).toString(16).padStart(8, '0');
}

export function buildOperators(world: World): { admin: Operator; operators: Operator[] } {
  const l1 = world.categories.filter((c) => c.level === 1);
  const allIds = l1.map((c) => c.id);
  const admin: Operator = {
    token: `adm_${tokenHex(world.seed, 0)}`, id: 'admin', name: '平台管理员（模拟器）', department: 'technology',
    category_ids: allIds, scope: null, isAdmin: true,
  };
  const person = (i: number): { id: string; name: string; department: string } => {
    const p = world.people[i];
    return { id: world.personId(i), name: String(p?.name ?? `运营${i}`), department: String(p?.department ?? 'operations') };
  };
  const operators: Operator[] = [{ token: `op_${tokenHex(world.seed, 1)}`, ...person(0), category_ids: allIds, scope: null, isAdmin: false }];
  OPERATOR_CATEGORIES.forEach((ordinals, k) => {
    const chosen = l1.filter((c) => ordinals.includes(c.l1Ordinal));
    const scope = new Uint8Array(world.categories.length);
    for (const c of world.categories) if (ordinals.includes(c.l1Ordinal)) scope[c.index] = 1;
    operators.push({
      token: `op_${tokenHex(world.seed, k + 2)}`, ...person(k + 1), category_ids: chosen.map((c) => c.id), scope, isAdmin: false,
    });
  });
  // A colleague who also manages every category: tests act as them to move records under the app's feet.
  operators.push({ token: `op_${tokenHex(world.seed, OPERATOR_CATEGORIES.length + 2)}`, ...person(OPERATOR_CATEGORIES.length + 1), category_ids: allIds, scope: null, isAdmin: false });
  return { admin, operators };
}
