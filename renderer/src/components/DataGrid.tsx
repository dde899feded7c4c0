/**
 * The one grid of the cockpit: AG Grid Community with only the modules used registered (all of
 * them is megabytes), themed from antd's tokens so it follows light/dark, Chinese when the UI
 * is Chinese, dense rows for desk work, CSV export, and the user's column layout remembered per
 * grid. Cells render values as text; never pass HTML cell renderers for untrusted data.
 */
import { useCallback, useImperativeHandle, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import {
  CellStyleModule,
  ClientSideRowModelModule,
  CsvExportModule,
  GridStateModule,
  LocaleModule,
  ModuleRegistry,
  NumberFilterModule,
  QuickFilterModule,
  TextFilterModule,
  ValidationModule,
  themeQuartz,
  type ColDef,
  type GetRowIdParams,
  type GridState,
  type StateUpdatedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { Button, Flex, Input, theme as antdTheme } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useThemeMode } from './appearance';

ModuleRegistry.registerModules([
  // The built-in `rightAligned` column type sets a cell class.
  CellStyleModule,
  ClientSideRowModelModule,
  CsvExportModule,
  GridStateModule,
  LocaleModule,
  NumberFilterModule,
  QuickFilterModule,
  TextFilterModule,
  // Explains misconfigurations in the console during development; dead code in production builds.
  ...(import.meta.env.DEV ? [ValidationModule] : []),
]);

export interface DataGridHandle {
  exportCsv(): void;
}

interface DataGridProps<Row> {
  /** Stable id: the key under which this grid's column layout is remembered. */
  gridId: string;
  rows: Row[] | undefined;
  columns: ColDef<Row>[];
  /** Start of the exported file's name; the date and time are appended. */
  exportName: string;
  height?: number | string;
  loading?: boolean;
  /** Stable row identity: keeps selection and scroll when rows are refetched, and lets tests find a row. */
  rowId?: (row: Row) => string;
  /** Shows a search box that filters on every column's shown text. */
  searchable?: boolean;
  /** Shown at the start of the toolbar (a count, a filter). */
  toolbar?: ReactNode;
  ref?: Ref<DataGridHandle>;
}

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 32;

export function DataGrid<Row>({ gridId, rows, columns, exportName, height = 360, loading, rowId, searchable, toolbar, ref }: DataGridProps<Row>) {
  const gridRef = useRef<AgGridReact<Row>>(null);
  const { t, i18n } = useTranslation();
  const gridTheme = useGridTheme();
  const initialState = useMemo(() => loadColumnLayout(gridId), [gridId]);
  const defaultColDef = useMemo<ColDef<Row>>(() => ({ sortable: true, resizable: true, filter: true, minWidth: 80 }), []);

  const exportCsv = useCallback(() => {
    gridRef.current?.api.exportDataAsCsv({ fileName: csvFileName(exportName) });
  }, [exportName]);
  useImperativeHandle(ref, () => ({ exportCsv }), [exportCsv]);

  const rememberLayout = useCallback((event: StateUpdatedEvent<Row>) => saveColumnLayout(gridId, event.state), [gridId]);
  const getRowId = useMemo(() => (rowId ? (params: GetRowIdParams<Row>) => rowId(params.data) : undefined), [rowId]);
  const [search, setSearch] = useState('');

  return (
    <Flex vertical gap={8}>
      <Flex justify="flex-end" align="center" gap={8} wrap>
        {toolbar}
        <Flex flex={1} />
        {searchable && (
          <Input
            size="small"
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('grid.search')}
            aria-label={t('grid.search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 240 }}
            data-testid={`${gridId}-search`}
          />
        )}
        <Button size="small" icon={<DownloadOutlined />} onClick={exportCsv} data-testid={`${gridId}-export`}>
          {t('grid.exportCsv')}
        </Button>
      </Flex>
      <div style={{ height, width: '100%' }} data-testid={`grid-${gridId}`}>
        <AgGridReact<Row>
          // The locale is read once at creation: a new key rebuilds the grid when the language changes.
          key={i18n.language}
          ref={gridRef}
          theme={gridTheme}
          rowData={rows}
          columnDefs={columns}
          defaultColDef={defaultColDef}
          loading={loading}
          localeText={i18n.language === 'zh-CN' ? AG_GRID_LOCALE_CN : undefined}
          initialState={initialState}
          onStateUpdated={rememberLayout}
          getRowId={getRowId}
          quickFilterText={searchable ? search : undefined}
          rowHeight={ROW_HEIGHT}
          headerHeight={HEADER_HEIGHT}
        />
      </div>
    </Flex>
  );
}

function useGridTheme() {
  const { token } = antdTheme.useToken();
  const themeMode = useThemeMode();
  return useMemo(
    () =>
      themeQuartz.withParams({
        browserColorScheme: themeMode,
        fontFamily: token.fontFamily,
        fontSize: token.fontSizeSM,
        headerFontSize: token.fontSizeSM,
        accentColor: token.colorPrimary,
        backgroundColor: token.colorBgContainer,
        foregroundColor: token.colorText,
        headerTextColor: token.colorTextHeading,
        headerBackgroundColor: token.colorFillAlter,
        borderColor: token.colorBorderSecondary,
        wrapperBorderRadius: token.borderRadius,
        spacing: 5,
      }),
    [themeMode, token],
  );
}

/** Only the user's column layout is remembered, not filters or scroll position. */
type ColumnLayout = Pick<GridState, 'columnOrder' | 'columnSizing' | 'columnVisibility' | 'sort'>;

const layoutKey = (gridId: string) => `cockpit.grid.${gridId}.columns`;

function loadColumnLayout(gridId: string): ColumnLayout | undefined {
  try {
    const saved = localStorage.getItem(layoutKey(gridId));
    return saved ? (JSON.parse(saved) as ColumnLayout) : undefined;
  } catch {
    return undefined; // A damaged entry only costs the user their layout.
  }
}

function saveColumnLayout(gridId: string, state: GridState): void {
  const { columnOrder, columnSizing, columnVisibility, sort } = state;
  localStorage.setItem(layoutKey(gridId), JSON.stringify({ columnOrder, columnSizing, columnVisibility, sort } satisfies ColumnLayout));
}

/**
 * AG Grid writes a UTF-8 BOM so Excel shows Chinese correctly; the name must end in .csv for
 * Excel to open it that way, and must not contain characters Windows forbids in file names.
 */
function csvFileName(exportName: string): string {
  const safeName = exportName.replace(/[\\/:*?"<>|\s]+/g, '-');
  return `${safeName}-${dayjs().format('YYYYMMDD-HHmm')}.csv`;
}
