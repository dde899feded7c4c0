import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../api/errors';
import type { suppliersMethods } from '../api/suppliers';
import type { DomainContext, HandlersOf } from '../domain';
import { SupplierBoard } from './board';
import { DEFAULT_GRADING_RULES } from './grading';
import { SuppliersService } from './service';

export function createHandlers(ctx: DomainContext): HandlersOf<typeof suppliersMethods> {
  const service = new SuppliersService(ctx.opened.sqlite);
  const board = new SupplierBoard(ctx.opened.sqlite, service);
  const issue = (type: string, entityId: string, baseVersion: number | null, payload: Record<string, unknown>): string => {
    const commandId = ctx.engine().issueCommand({ type, entityId, baseVersion, payload });
    ctx.commandIssued();
    return commandId;
  };
  const rules = () => ({ ...service.gradingRules(), defaults: DEFAULT_GRADING_RULES });
  return {
    'suppliers.overview': () => board.overview(),
    'suppliers.list': () => board.suppliers(),
    'suppliers.coverage': ({ coverage }) => board.coverage(coverage),
    'suppliers.riskEvents': ({ statuses }) => board.riskEvents(statuses),
    'suppliers.provinces': () => board.provinces(),
    'suppliers.impact': (input) => ('eventId' in input ? service.impactOfEvent(input.eventId) : service.impactOfProvinces(input.provinces)),
    'suppliers.switchPlan': ({ skuId }) => board.switchPlan(skuId),
    'suppliers.switchPrimary': ({ linkId, fromLinkId, reason }) => {
      const target = board.link(linkId);
      const from = board.link(fromLinkId);
      if (from.skuId !== target.skuId) throw new ApiError('invalid_input', `${fromLinkId} and ${linkId} supply different SKUs`);
      if (from.role !== 'primary') throw new ApiError('invalid_input', `${fromLinkId} is not the primary link`);
      if (target.role === 'primary') throw new ApiError('invalid_input', `${linkId} is already primary`);
      if (target.qualification !== 'qualified') throw new ApiError('invalid_input', `only a qualified link can become primary (${linkId} is ${target.qualification})`);
      // base_version: the version the operator saw, so a switch by someone else in between comes back as a conflict.
      return { commandId: issue('supply_link.switch_primary', linkId, target.version, { from_link_id: fromLinkId, reason }) };
    },
    'suppliers.setQualification': ({ linkId, qualification, note }) => {
      const link = board.link(linkId);
      if (link.role === 'primary' && qualification !== 'qualified') throw new ApiError('invalid_input', 'switch the primary to another link first');
      return { commandId: issue('supply_link.set_qualification', linkId, link.version, { qualification, note }) };
    },
    'suppliers.proposeBackup': ({ skuId, supplierId, leadTimeDays, unitCostFen, moq }) => {
      const known = ctx.opened.sqlite.prepare('SELECT (SELECT 1 FROM skus WHERE id = ?) AS sku, (SELECT status FROM suppliers WHERE id = ?) AS status').get(skuId, supplierId) as { sku: number | null; status: string | null };
      if (!known.sku) throw new ApiError('not_found', `no SKU ${skuId}`);
      if (!known.status) throw new ApiError('not_found', `no supplier ${supplierId}`);
      if (known.status === 'blacklisted') throw new ApiError('invalid_input', `supplier ${supplierId} is blacklisted`);
      const linkId = uuidv7();
      const commandId = issue('supply_link.propose_backup', linkId, null, {
        sku_id: skuId, supplier_id: supplierId, lead_time_days: leadTimeDays, unit_cost_fen: unitCostFen, moq,
      });
      return { commandId, linkId };
    },
    'suppliers.rules': () => rules(),
    'suppliers.previewRules': ({ rules: edited }) => board.previewRules(edited),
    'suppliers.saveRules': ({ rules: edited, expectedVersion }) => {
      service.saveGradingRules(edited, expectedVersion);
      return rules();
    },
  };
}
