/** OKR teams, members, objectives, key results and check-ins: small, generated once at start-up. */
import { DEPARTMENTS } from './contract';
import { KR_TEMPLATES, TEAM_THEMES } from './names';
import { Rng } from './rng';
import { GLOBAL_SCOPE, MaterializedSource, pad, type Rec } from './source';
import { DAY_MS, HOUR_MS, formatTs } from './time';
import { SALTS, type World } from './world';

export interface OkrSources {
  okr_teams: MaterializedSource;
  okr_members: MaterializedSource;
  objectives: MaterializedSource;
  key_results: MaterializedSource;
  check_ins: MaterializedSource;
}

const ROLES = ['负责人', '核心成员', '成员', '数据分析', '顾问'];
const CHECK_IN_NOTES = [
  '本周推进顺利，重点商家已完成沟通。', '受大促备货影响进度略慢，下周追赶。', '数据口径已与数据中台对齐。', '新增两家备选供应商进入资质审核。',
  '差评集中在物流环节，已拉通物流团队。', '目标偏激进，建议复盘时调整。', '风险：核心SKU单一货源，需尽快引入备份。',
];

export function buildOkr(world: World): OkrSources {
  const teams: Rec[] = [];
  const teamScopes: number[] = [];
  const members: Rec[] = [];
  const memberScopes: number[] = [];
  const objectives: Rec[] = [];
  const objectiveScopes: number[] = [];
  const keyResults: Rec[] = [];
  const keyResultScopes: number[] = [];
  const checkIns: Rec[] = [];
  const checkInScopes: number[] = [];
  const l1s = world.categories.filter((c) => c.level === 1);
  const people = world.people.length;

  for (let t = 0; t < world.scale.teams; t++) {
    const rng = Rng.of(world.seed, SALTS.okr, t);
    const category = rng.chance(0.8) ? rng.pick(l1s) : null;
    const scope = category ? category.index : GLOBAL_SCOPE;
    const status = rng.weighted(['forming', 'active', 'closed'] as const, [15, 70, 15]);
    // Forming teams start soon; active ones run past today; closed ones ended before today.
    const startsDaysAgo = status === 'forming' ? -rng.range(1, 14) : status === 'closed' ? rng.range(90, 200) : rng.range(20, 120);
    const durationDays = status === 'closed' ? rng.range(45, startsDaysAgo - 10) : status === 'active' ? startsDaysAgo + rng.range(14, 90) : rng.range(60, 120);
    const elapsedDays = status === 'closed' ? durationDays : Math.max(0, startsDaysAgo);
    const theme = TEAM_THEMES[t % TEAM_THEMES.length] ?? '专项';
    const teamId = `team_${pad(t, 3)}`;
    const teamUpdatedMs = world.startDay - rng.range(1, 20) * DAY_MS + 10 * HOUR_MS;
    teams.push({
      id: teamId,
      version: 1 + rng.int(5),
      updated_at: formatTs(teamUpdatedMs),
      name: `${category ? category.name : '全平台'}${theme}${rng.pick(['专项组', '攻坚队', '虚拟团队', '项目组'])}`,
      mission: `围绕“${theme}”，跨部门协同提升${category ? category.name : '全平台'}的经营质量与用户体验。`,
      category_id: category ? category.id : null,
      sponsor_id: world.randomPerson(rng),
      lead_id: world.randomPerson(rng, 'operations'),
      status,
      starts_on: world.dateDaysAgo(startsDaysAgo),
      ends_on: world.dateDaysAgo(startsDaysAgo - durationDays),
      retrospective: status === 'closed' ? '目标基本达成：差评率下降明显，但供应链备份推进偏慢，下一期重点跟进。' : null,
    });
    teamScopes.push(scope);

    const memberCount = rng.range(5, 10);
    for (let k = 0; k < memberCount; k++) {
      const personIndex = rng.int(people);
      const person = world.people[personIndex];
      const left = rng.chance(0.1);
      members.push({
        id: `okm_${pad(members.length, 5)}`,
        version: left ? 2 : 1,
        updated_at: formatTs(teamUpdatedMs - rng.int(10) * DAY_MS),
        team_id: teamId,
        person_id: world.personId(personIndex),
        role: k === 0 ? '负责人' : rng.pick(ROLES.slice(1)),
        home_department: (person?.department as string | undefined) ?? rng.pick(DEPARTMENTS),
        joined_on: world.dateDaysAgo(Math.max(0, startsDaysAgo)),
        left_on: left ? world.dateDaysAgo(rng.range(0, Math.max(0, startsDaysAgo))) : null,
      });
      memberScopes.push(scope);
    }

    const objectiveCount = rng.range(2, 4);
    for (let o = 0; o < objectiveCount; o++) {
      const objectiveId = `obj_${pad(objectives.length, 5)}`;
      // Some objectives align to an objective of an earlier team (cross-team alignment).
      const parent = objectives.length > 3 && rng.chance(0.25) ? objectives[rng.int(objectives.length)]?.id ?? null : null;
      objectives.push({
        id: objectiveId,
        version: 1 + rng.int(3),
        updated_at: formatTs(teamUpdatedMs - rng.int(5) * DAY_MS),
        team_id: teamId,
        title: `${['提升', '守住', '打造', '降低'][o % 4]}${theme}${['核心指标', '用户口碑', '供应稳定性', '履约体验'][o % 4]}`,
        owner_id: world.randomPerson(rng),
        parent_objective_id: parent,
      });
      objectiveScopes.push(scope);

      const krCount = rng.range(2, 4);
      for (let k = 0; k < krCount; k++) {
        const template = rng.pick(KR_TEMPLATES);
        const progress = status === 'forming' ? 0 : rng.float() * (status === 'closed' ? 1.1 : 0.8);
        const current = Math.round((template.start + (template.target - template.start) * progress) * 10) / 10;
        const krId = `kr_${pad(keyResults.length, 5)}`;
        const owner = world.randomPerson(rng);
        keyResults.push({
          id: krId,
          version: 1 + rng.int(6),
          updated_at: formatTs(teamUpdatedMs - rng.int(3) * DAY_MS),
          objective_id: objectiveId,
          title: template.title,
          unit: template.unit,
          direction: template.direction,
          start_value: template.start,
          target_value: template.target,
          current_value: current,
          owner_id: owner,
        });
        keyResultScopes.push(scope);

        const weeks = status === 'forming' ? 0 : Math.min(12, Math.floor(elapsedDays / 7));
        for (let c = 1; c <= weeks; c++) {
          const value = Math.round((template.start + ((template.target - template.start) * progress * c) / weeks) * 10) / 10;
          const checkedMs = world.startDay - (startsDaysAgo - c * 7) * DAY_MS + 17 * HOUR_MS + rng.int(HOUR_MS * 3);
          checkIns.push({
            id: `ci_${pad(checkIns.length, 6)}`,
            version: 1,
            updated_at: formatTs(checkedMs),
            key_result_id: krId,
            value,
            confidence: Math.round((0.4 + 0.55 * rng.float()) * 100) / 100,
            note: rng.pick(CHECK_IN_NOTES),
            author_id: owner,
            checked_at: formatTs(checkedMs),
          });
          checkInScopes.push(scope);
        }
      }
    }
  }
  return {
    okr_teams: new MaterializedSource(teams, teamScopes),
    okr_members: new MaterializedSource(members, memberScopes),
    objectives: new MaterializedSource(objectives, objectiveScopes),
    key_results: new MaterializedSource(keyResults, keyResultScopes),
    check_ins: new MaterializedSource(checkIns, checkInScopes),
  };
}
