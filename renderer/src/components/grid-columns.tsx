/**
 * Column builders for DataGrid, so every board's numbers, dates, flags, untrusted text and row
 * actions look and export the same way. Each sets `context` (GridColumnContext), which DataGrid
 * reads for CSV export, keyboard actions and auto-sizing.
 */
import type { ColDef, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import { Button, Flex, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import type { CsvValue } from './csv-export';
import { numberText, type NumberStyle, type NumberUnit } from './number-format';
import type { RowAction } from './row-actions';
import { UntrustedText } from './UntrustedText';

export interface GridColumnContext<Row> {
  /** false: left out of the CSV (actions, icons only). A function: the value to write. */
  csv?: false | ((row: Row) => CsvValue);
  /** Row actions of this column (see rowActionColumn). */
  rowActions?: readonly RowAction<Row>[];
  /** Sized to its content on the first render unless the user has sized it. */
  autoSize?: boolean;
}

export function columnContext<Row>(column: ColDef<Row>): GridColumnContext<Row> {
  return (column.context ?? {}) as GridColumnContext<Row>;
}

type ColumnBase<Row> = Omit<ColDef<Row>, 'context' | 'valueFormatter' | 'type'> & { headerName: string };

/** A right-aligned number: grouped thousands, tabular figures, the unit in the header (or % in the cell), never clipped. */
export function numberColumn<Row>({ unit, fractionDigits, headerName, ...column }: ColumnBase<Row> & NumberStyle): ColDef<Row> {
  return {
    filter: 'agNumberColumnFilter',
    minWidth: 90,
    ...column,
    headerName: headerWithUnit(headerName, unit),
    type: 'rightAligned',
    // With the type's own class: a cellClass here replaces it rather than adding to it.
    cellClass: ['grid-number', 'ag-right-aligned-cell'],
    valueFormatter: ({ value }: ValueFormatterParams<Row>) => numberText(value, i18n.language, { unit, fractionDigits }),
    context: { autoSize: true } satisfies GridColumnContext<Row>,
  };
}

function headerWithUnit(headerName: string, unit: NumberUnit | undefined): string {
  if (!unit || unit === 'percent') return headerName;
  return i18n.t('grid.headerUnit', { header: headerName, unit: i18n.t(`grid.units.${unit}`) });
}

/** An instant, shown short (`format`); the CSV has it in full, with its year. */
export function dateColumn<Row>({ format = 'YYYY-MM-DD HH:mm', ...column }: ColumnBase<Row> & { format?: string }): ColDef<Row> {
  return {
    minWidth: 120,
    ...column,
    cellClass: 'grid-number',
    valueFormatter: ({ value }: ValueFormatterParams<Row>) => (typeof value === 'string' && value ? dayjs(value).format(format) : ''),
  };
}

/** A yes/no fact shown as a tag or icon; the CSV says it in words (`setWord` / `unsetWord`). */
export function flagColumn<Row>({ isSet, setWord, unsetWord, ...column }: ColumnBase<Row> & { isSet(row: Row): boolean; setWord: string; unsetWord: string }): ColDef<Row> {
  return {
    ...column,
    valueGetter: ({ data }) => (data ? isSet(data) : null),
    valueFormatter: ({ value }: ValueFormatterParams<Row, boolean>) => (value ? setWord : unsetWord),
    context: { csv: (row: Row) => (isSet(row) ? setWord : unsetWord) } satisfies GridColumnContext<Row>,
  };
}

/** Text from the network: visible escapes, isolated direction, full text in the tooltip. */
export function untrustedTextColumn<Row>(column: Omit<ColumnBase<Row>, 'cellRenderer'>): ColDef<Row> {
  return { ...column, cellRenderer: UntrustedCell };
}

function UntrustedCell({ value }: ICellRendererParams) {
  return <UntrustedText text={value === null || value === undefined ? '' : String(value)} />;
}

/**
 * Buttons for what can be done to a row. Reachable from the keyboard: Enter on the focused cell
 * runs the first action the row offers; each action's letter runs it from any cell of the row
 * (both shown in its tooltip). Left out of the CSV.
 */
export function rowActionColumn<Row>({ actions, ...column }: Omit<ColumnBase<Row>, 'cellRenderer'> & { actions: readonly RowAction<Row>[] }): ColDef<Row> {
  return {
    colId: 'actions',
    sortable: false,
    filter: false,
    resizable: true,
    minWidth: 80,
    ...column,
    cellClass: 'grid-actions',
    cellRenderer: RowActionsCell,
    context: { csv: false, rowActions: actions, autoSize: true } satisfies GridColumnContext<Row>,
  };
}

function RowActionsCell<Row>({ data, node, colDef }: ICellRendererParams<Row>) {
  const { t } = useTranslation();
  const actions = (colDef?.context as GridColumnContext<Row> | undefined)?.rowActions ?? [];
  if (!data) return null;
  const offered = actions.filter((action) => action.available(data));
  return (
    <Flex gap={4} align="center" style={{ height: '100%' }}>
      {offered.map((action, index) => (
        <Tooltip key={action.id} title={t(index === 0 ? 'grid.actionHintFirst' : 'grid.actionHint', { key: action.shortcut.toUpperCase() })}>
          <Button
            size="small"
            type="primary"
            ghost={!action.danger}
            danger={action.danger}
            // The grid owns the focus: the cell is focused, Enter or the letter acts (see DataGrid).
            tabIndex={-1}
            loading={action.busy?.(data)}
            onClick={() => action.run(data)}
            aria-keyshortcuts={action.shortcut.toUpperCase()}
            data-testid={`${action.id}-${node.id ?? ''}`}
          >
            {action.label}
          </Button>
        </Tooltip>
      ))}
    </Flex>
  );
}
