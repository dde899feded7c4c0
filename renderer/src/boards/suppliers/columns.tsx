/** The supplier and core-SKU grids' columns. Names come from the platform: shown as text only. */
import { useMemo } from 'react';
import { Tag } from 'antd';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { CoverageRow, SupplierRow } from '../../../../electron/core/api/suppliers';
import { flagColumn, numberColumn, rowActionColumn, untrustedTextColumn } from '../../components/grid-columns';
import type { RowAction } from '../../components/row-actions';
import { provinceLabel } from './provinces';
import './messages';

export const GRADE_COLORS: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
export const COVERAGE_COLORS: Record<string, string> = { no_primary: 'red', single_source: 'orange', covered: 'green' };

function tagCell(colors: Record<string, string>) {
  return function TagCell({ value, valueFormatted }: ICellRendererParams) {
    return value ? <Tag color={colors[String(value)] ?? 'default'}>{valueFormatted ?? String(value)}</Tag> : null;
  };
}

export function useCoverageColumns(actions: readonly RowAction<CoverageRow>[]): ColDef<CoverageRow>[] {
  const { t } = useTranslation('suppliers');
  return useMemo<ColDef<CoverageRow>[]>(
    () => [
      { field: 'skuId', headerName: t('grid.sku'), width: 130 },
      untrustedTextColumn<CoverageRow>({ field: 'name', headerName: t('grid.name'), flex: 2, minWidth: 200 }),
      {
        field: 'coverage', headerName: t('grid.coverage'), width: 110,
        valueFormatter: ({ value }) => (value ? t(`coverage.${value as CoverageRow['coverage']}`) : ''),
        cellRenderer: tagCell(COVERAGE_COLORS),
      },
      { field: 'primarySupplierId', headerName: t('grid.primary'), width: 130 },
      numberColumn<CoverageRow>({ field: 'usableBackups', headerName: t('grid.backups'), width: 100 }),
      flagColumn<CoverageRow>({
        colId: 'covers', headerName: t('grid.covers'), width: 136, isSet: (row) => row.backupCapacityCovers, setWord: t('covers.yes'), unsetWord: t('covers.no'),
      }),
      numberColumn<CoverageRow>({ field: 'primaryUnits', headerName: t('grid.primaryUnits'), width: 120 }),
      numberColumn<CoverageRow>({ field: 'backupSpareUnits', headerName: t('grid.spare'), width: 130 }),
      numberColumn<CoverageRow>({ colId: 'revenue', headerName: t('grid.revenue'), unit: 'wanYuan', fractionDigits: 1, width: 120, valueGetter: ({ data }) => (data ? data.monthlyRevenueFen / 1_000_000 : null) }),
      {
        field: 'certExpiryWithin', headerName: t('grid.expiry'), width: 100,
        valueFormatter: ({ value }) => (value ? t(`expiry.d${value as 30}`) : t('expiry.none')),
      },
      {
        field: 'unsyncedCommands', headerName: t('grid.sync'), width: 90,
        valueFormatter: ({ value }) => ((value as number) > 0 ? t('unsynced') : ''),
      },
      rowActionColumn<CoverageRow>({ headerName: t('grid.actions'), actions }),
    ],
    [t, actions],
  );
}

export function useSupplierColumns(): ColDef<SupplierRow>[] {
  const { t, i18n } = useTranslation('suppliers');
  return useMemo<ColDef<SupplierRow>[]>(
    () => [
      { field: 'id', headerName: t('grid.supplier'), width: 120 },
      untrustedTextColumn<SupplierRow>({ field: 'name', headerName: t('grid.name'), flex: 2, minWidth: 200 }),
      { field: 'province', headerName: t('grid.province'), width: 90, valueFormatter: ({ value }) => provinceLabel(String(value ?? ''), i18n.language) },
      untrustedTextColumn<SupplierRow>({ field: 'city', headerName: t('grid.city'), width: 90 }),
      {
        field: 'status', headerName: t('grid.status'), width: 90,
        valueFormatter: ({ value }) => t(`statuses.${value as 'active'}`, { defaultValue: String(value ?? '') }),
      },
      { field: 'grade', headerName: t('grid.grade'), width: 80, cellRenderer: tagCell(GRADE_COLORS) },
      numberColumn<SupplierRow>({ field: 'score', headerName: t('grid.score'), fractionDigits: 1, width: 80 }),
      numberColumn<SupplierRow>({ field: 'quality', headerName: t('grid.quality'), fractionDigits: 0, width: 80 }),
      numberColumn<SupplierRow>({ field: 'delivery', headerName: t('grid.delivery'), fractionDigits: 0, width: 80 }),
      numberColumn<SupplierRow>({ field: 'cost', headerName: t('grid.cost'), fractionDigits: 0, width: 80 }),
      numberColumn<SupplierRow>({ field: 'service', headerName: t('grid.service'), fractionDigits: 0, width: 80 }),
      { field: 'gate', headerName: t('grid.gate'), width: 120, valueFormatter: ({ value }) => t(`gates.${value as 'none'}`) },
      numberColumn<SupplierRow>({ field: 'capacityUnitsMonth', headerName: t('grid.capacity'), width: 110 }),
      numberColumn<SupplierRow>({ field: 'capacityUsed', headerName: t('grid.used'), unit: 'percent', width: 124 }),
      numberColumn<SupplierRow>({ field: 'links', headerName: t('grid.links'), width: 80 }),
      {
        colId: 'certs', headerName: t('grid.certs'), width: 220,
        valueGetter: ({ data }) => (data ? data.certifications.map((c) => `${c.type} ${c.expires_on}`).join('；') : ''),
        cellRenderer: untrustedTextColumn<SupplierRow>({ headerName: '' }).cellRenderer,
      },
      numberColumn<SupplierRow>({ field: 'expiredCertifications', headerName: t('grid.expired'), width: 80 }),
      {
        field: 'certExpiryWithin', headerName: t('grid.expiry'), width: 100,
        valueFormatter: ({ value }) => (value ? t(`expiry.d${value as 30}`) : t('expiry.none')),
      },
    ],
    [t, i18n.language],
  );
}
