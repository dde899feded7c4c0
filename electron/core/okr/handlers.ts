import type { DomainContext, HandlersOf } from '../domain';
import type { okrMethods } from '../api/okr';
import { OkrActions } from './actions';
import { OkrService } from './service';
import { TEAM_TEMPLATES } from './template';

export function createHandlers(ctx: DomainContext, now: () => Date = () => new Date()): HandlersOf<typeof okrMethods> {
  const okr = new OkrService(ctx.opened, now);
  const actions = new OkrActions(okr, ctx.opened.sqlite, ctx.engine, now);
  /** Runs an action that issues commands, then tells the shell (status bar, Sync screen). */
  const issuing = <I, O>(action: (input: I) => O) => (input: I): O => {
    const result = action(input);
    ctx.commandIssued();
    return result;
  };
  return {
    'okr.teams': (input) => okr.teams(input),
    'okr.team': (input) => okr.team(input),
    'okr.people': (input) => okr.people(input),
    'okr.directory': () => okr.directory(),
    'okr.retrospectives': (input) => okr.retrospectives(input),
    'okr.templates': () => TEAM_TEMPLATES.map((t) => ({ ...t, objectives: t.objectives.map((o) => ({ ...o, keyResults: [...o.keyResults] })) })),
    'okr.team.createFromTemplate': issuing((input) => actions.createFromTemplate(input)),
    'okr.team.update': issuing((input) => actions.updateTeam(input)),
    'okr.team.close': issuing((input) => actions.closeTeam(input)),
    'okr.member.add': issuing((input) => actions.addMember(input)),
    'okr.member.leave': issuing((input) => actions.leaveMember(input)),
    'okr.objective.upsert': issuing((input) => actions.upsertObjective(input)),
    'okr.keyResult.upsert': issuing((input) => actions.upsertKeyResult(input)),
    'okr.checkIn': issuing((input) => actions.checkIn(input)),
  };
}
