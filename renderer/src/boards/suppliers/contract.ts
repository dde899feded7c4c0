/** The parts of the core's contract this board uses (types and enums only). */
export { COVERAGE_STATES, SUPPLIER_GRADES } from '../../../../electron/core/api/suppliers';
export type { CoverageRow, RiskEventRow } from '../../../../electron/core/api/suppliers';
export type { MethodInput } from '../../../../electron/core/api';
