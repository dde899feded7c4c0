/**
 * The one grid of the cockpit: AG Grid Community with only the modules used registered (all of
 * them is megabytes), themed from antd's tokens so it follows light/dark, Chinese when the UI
 * is Chinese, dense rows for desk work, and the user's column layout remembered per grid.
 *
 * What every board gets from it:
 * - a count that follows the search and filters ("15 / 45 条");
 * - the height its board leaves free (by default it fills down to the bottom of the content area
 *   and follows window resizes), or its rows' own height (`height="auto"`);
 * - CSV export through csv-export.ts (the one writer: years on dates, flags as words, no action
 *   columns, no live formulas), with a message saying what was saved;
 * - row actions operable from the keyboard (see rowActionColumn);
 * - number columns sized to their content, so digits are never clipped;
 * - for sets too big for the renderer (`infinite`): rows read block by block from the core, with
 *   rows pinned below them (totals) and the board's own count and export.
 *
 * Cells render values as text; for text from the network use untrustedTextColumn. Never pass
 * HTML cell renderers for untrusted data.
 */
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type Ref, type RefObject } from 'react';
import {
  CellApiModule,
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  RowApiModule,
  GridStateModule,
  LocaleModule,
  ModuleRegistry,
  NumberFilterModule,
  QuickFilterModule,
  TextFilterModule,
  TooltipModule,
  ValidationModule,
  themeQuartz,
  type CellKeyDownEvent,
  type ColDef,
  type Column,
  type ColumnResizedEvent,
  type GetRowIdParams,
  type GridApi,
  type GridState,
  type IDatasource,
  type StateUpdatedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { App, Button, Flex, Input, Typography, theme as antdTheme } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useThemeMode } from './appearance';
import { csvDate, csvFileName, downloadCsv, toCsv, type CsvValue } from './csv-export';
import { registerExportable, type ExportedTable } from './board-export/exportables';
import { columnContext } from './grid-columns';
import { actionForKey } from './row-actions';

ModuleRegistry.registerModules([
  // The built-in `rightAligned` column type sets a cell class.
  CellStyleModule,
  ClientSideRowModelModule,
  // api.getCellValue and api.forEachNodeAfterFilterAndSort: the CSV export reads what the user sees.
  CellApiModule,
  ClientSideRowModelApiModule,
  // api.getColumns (CSV export) and api.getDisplayedRowCount (the "15 / 45" count).
  ColumnApiModule,
  // Number and action columns fit their content (see autoSizeColumns).
  ColumnAutoSizeModule,
  RowApiModule,
  GridStateModule,
  LocaleModule,
  NumberFilterModule,
  QuickFilterModule,
  TextFilterModule,
  // colDef.headerTooltip and tooltipField: boards explain a column or show a cell's full text.
  TooltipModule,
  // Explains misconfigurations in the console during development; dead code in production builds.
  ...(import.meta.env.DEV ? [ValidationModule] : []),
]);

export interface DataGridHandle {
  exportCsv(): void;
}

interface DataGridProps<Row> {
  /** Stable id: the key under which this grid's column layout is remembered; test ids start with it. */
  gridId: string;
  rows: Row[] | undefined;
  columns: ColDef<Row>[];
  /** Start of the exported file's name; the date and time are appended. */
  exportName: string;
  /**
   * 'fill' (default): down to the bottom of the content area, following resizes (at least
   * `minHeight`). 'auto': as tall as its rows. A number or CSS length: exactly that.
   */
  height?: 'fill' | 'auto' | number | string;
  /** Smallest height when filling; default 240. */
  minHeight?: number;
  loading?: boolean;
  /** Stable row identity: keeps selection and scroll when rows are refetched, and lets tests find a row. */
  rowId?: (row: Row) => string;
  /** Shows a search box that filters on every column's shown text. */
  searchable?: boolean;
  /** Shown at the start of the toolbar (a filter, a legend). The row count is shown by the grid itself. */
  toolbar?: ReactNode;
  ref?: Ref<DataGridHandle>;
  /**
   * Rows read block by block from a datasource (ag-grid's infinite row model; the board registers
   * InfiniteRowModelModule) instead of `rows`: for sets too big for the renderer, sorted, filtered
   * and counted on the core. `rows` is then ignored and the board shows its own count and export
   * (`exportButton`). A new datasource starts again from the first block. Fixed at creation: a grid
   * is infinite or not for its whole life.
   */
  infinite?: InfiniteRows;
  /** Rows pinned below the others (totals; the board registers PinnedRowModule); cell renderers see `node.rowPinned === 'bottom'`. */
  pinnedBottomRows?: Row[];
  /** Replaces the toolbar's CSV button (an infinite grid's rows are on the core: it exports from there). */
  exportButton?: ReactNode;
  /** The grid's API once it is ready (null when it goes), for boards that drive it (refresh, scroll). */
  onApi?: (api: GridApi<Row> | null) => void;
  /** The rows drawn changed (a scroll, a block loaded): e.g. to say which rows are in view. */
  onViewportChanged?: (api: GridApi<Row>) => void;
}

export interface InfiniteRows {
  datasource: IDatasource;
  /** Rows per datasource call. */
  blockSize: number;
  /** Blocks kept; the furthest from view are dropped (and read again if scrolled back to). */
  maxBlocksInCache?: number;
  /** Waits this long before reading a block, so a fast scroll does not read every block it passes. */
  blockLoadDebounceMillis?: number;
}

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 32;

export function DataGrid<Row>({
  gridId, rows, columns, exportName, height = 'fill', minHeight = 240, loading, rowId, searchable, toolbar, ref,
  infinite, pinnedBottomRows, exportButton, onApi, onViewportChanged,
}: DataGridProps<Row>) {
  const gridRef = useRef<AgGridReact<Row>>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const gridTheme = useGridTheme();
  const initialState = useMemo(() => loadColumnLayout(gridId), [gridId]);
  const defaultColDef = useMemo<ColDef<Row>>(() => ({ sortable: true, resizable: true, filter: true, minWidth: 80 }), []);
  const fillHeight = useFillHeight(boxRef, height === 'fill', minHeight);
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState<number | null>(null);
  const [readyApi, setReadyApi] = useState<GridApi<Row> | null>(null);

  const exportCsv = useCallback(() => {
    const api = gridRef.current?.api;
    if (!api) return;
    const fileName = csvFileName(exportName);
    const { headers, body } = gridCsv(api, { yes: t('grid.yes'), no: t('grid.no') });
    downloadCsv(fileName, toCsv(headers, body, { yes: t('grid.yes'), no: t('grid.no') }));
    void message.success(t('grid.exported', { count: body.length, file: fileName }));
  }, [exportName, message, t]);
  useImperativeHandle(ref, () => ({ exportCsv }), [exportCsv]);

  const rememberLayout = useCallback((event: StateUpdatedEvent<Row>) => saveColumnLayout(gridId, event.state), [gridId]);
  const getRowId = useMemo(() => (rowId ? (params: GetRowIdParams<Row>) => rowId(params.data) : undefined), [rowId]);
  const countShown = useCallback(({ api }: { api: GridApi<Row> }) => setShown(api.getDisplayedRowCount() ?? null), []);
  const sizeToContent = useCallback((event: { api: GridApi<Row> }) => autoSizeColumns(event.api, gridId), [gridId]);
  const rememberUserSized = useCallback(
    (event: ColumnResizedEvent<Row>) => {
      if (event.finished && event.source === 'uiColumnResized' && event.column) saveUserSized(gridId, event.column.getColId());
    },
    [gridId],
  );

  const viewportChanged = useCallback(({ api }: { api: GridApi<Row> }) => onViewportChanged?.(api), [onViewportChanged]);
  const gridGone = useCallback(() => {
    setReadyApi(null);
    onApi?.(null);
  }, [onApi]);
  // An infinite grid first draws a "loading" row: its columns are fitted to the first block read
  // (once: later blocks would change the widths under the user while scrolling) and to the pinned
  // rows, in one go when both come together.
  const sizeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const sizedToBlock = useRef(false);
  const sizeSoon = useCallback(
    (event: { api: GridApi<Row> }) => {
      clearTimeout(sizeTimer.current);
      sizeTimer.current = setTimeout(() => {
        if (!event.api.isDestroyed()) sizeToContent(event);
      }, 50);
    },
    [sizeToContent],
  );
  useEffect(() => () => clearTimeout(sizeTimer.current), []);
  const gridReady = useCallback(
    ({ api }: { api: GridApi<Row> }) => {
      // A new grid (another language): its first block is fitted again.
      sizedToBlock.current = false;
      setReadyApi(api);
      onApi?.(api);
    },
    [onApi],
  );
  // "Export this board" takes the grid's rows as the user sees them at that moment.
  const isInfinite = infinite !== undefined;
  useEffect(() => {
    if (!readyApi) return;
    const words = { yes: t('grid.yes'), no: t('grid.no') };
    return registerExportable({
      kind: 'table',
      title: exportName,
      read: () => (readyApi.isDestroyed() ? { headers: [], body: [] } : gridTable(readyApi, words, isInfinite, t('grid.loadedRowsOnly'))),
    });
  }, [readyApi, exportName, isInfinite, t]);
  const sizeToFirstBlock = useCallback(
    (event: { api: GridApi<Row> }) => {
      if (sizedToBlock.current || event.api.getDisplayedRowAtIndex(0)?.data === undefined) return;
      sizedToBlock.current = true;
      sizeSoon(event);
    },
    [sizeSoon],
  );
  // Rows or a datasource: the two row models take different options.
  const rowModel = infinite
    ? {
        rowModelType: 'infinite' as const,
        datasource: infinite.datasource,
        cacheBlockSize: infinite.blockSize,
        maxBlocksInCache: infinite.maxBlocksInCache,
        blockLoadDebounceMillis: infinite.blockLoadDebounceMillis,
        onModelUpdated: sizeToFirstBlock,
      }
    : { rowData: rows, onModelUpdated: countShown, onRowDataUpdated: sizeToContent };
  const total = rows?.length ?? 0;
  const boxHeight = height === 'fill' ? fillHeight : height === 'auto' ? undefined : height;

  return (
    <Flex vertical gap={8}>
      <Flex justify="flex-end" align="center" gap={8} wrap>
        {toolbar}
        <Flex flex={1} />
        {rows && !infinite && (
          <Typography.Text type="secondary" className="grid-count" data-testid={`${gridId}-count`}>
            {shown === null || shown === total ? t('grid.count', { total: total.toLocaleString() }) : t('grid.countFiltered', { shown: shown.toLocaleString(), total: total.toLocaleString() })}
          </Typography.Text>
        )}
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
        {exportButton ?? (
          <Button size="small" icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows} data-testid={`${gridId}-export`}>
            {t('grid.exportCsv')}
          </Button>
        )}
      </Flex>
      <div ref={boxRef} style={{ height: boxHeight, width: '100%' }} data-testid={`grid-${gridId}`}>
        <AgGridReact<Row>
          // The locale is read once at creation: a new key rebuilds the grid when the language changes.
          key={i18n.language}
          ref={gridRef}
          theme={gridTheme}
          {...rowModel}
          pinnedBottomRowData={pinnedBottomRows}
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
          domLayout={height === 'auto' ? 'autoHeight' : 'normal'}
          onFirstDataRendered={infinite ? undefined : sizeToContent}
          // Totals arrive after the first rows: number columns fit them too.
          onPinnedRowDataChanged={pinnedBottomRows ? (infinite ? sizeSoon : sizeToContent) : undefined}
          onColumnResized={rememberUserSized}
          onGridReady={gridReady}
          onGridPreDestroyed={gridGone}
          onViewportChanged={onViewportChanged ? viewportChanged : undefined}
          onCellKeyDown={runRowActionForKey}
        />
      </div>
    </Flex>
  );
}

/** Enter on an action cell, or an action's letter on any cell of its row (see rowActionColumn). */
function runRowActionForKey<Row>(event: CellKeyDownEvent<Row>): void {
  const press = event.event;
  if (!(press instanceof KeyboardEvent) || !event.data) return;
  const target = press.target instanceof HTMLElement ? press.target : null;
  // Typing into a cell editor or a filter is not a shortcut.
  if (target?.closest('input, textarea, [contenteditable="true"]')) return;
  for (const column of event.api.getColumns() ?? []) {
    const actions = columnContext<Row>(column.getColDef()).rowActions;
    if (!actions) continue;
    const action = actionForKey(actions, event.data, press, event.column.getColId() === column.getColId());
    if (action) {
      press.preventDefault();
      action.run(event.data);
      return;
    }
  }
}

/** Columns marked autoSize (numbers, actions) fit their content and header, unless the user sized them by hand. */
function autoSizeColumns<Row>(api: GridApi<Row>, gridId: string): void {
  const userSized = loadUserSized(gridId);
  const colIds = (api.getColumns() ?? []).filter((column) => columnContext(column.getColDef()).autoSize && !userSized.has(column.getColId())).map((column) => column.getColId());
  if (colIds.length > 0) api.autoSizeColumns(colIds, false);
}

/** The grid as the user sees it (filtered and sorted), as CSV cells. */
function gridCsv<Row>(api: GridApi<Row>, words: { yes: string; no: string }): { headers: string[]; body: CsvValue[][] } {
  return gridRows(api, words, (visit) => api.forEachNodeAfterFilterAndSort(visit));
}

/** For a board's workbook: an infinite grid gives the rows it has loaded (its board exports the whole set from the core). */
function gridTable<Row>(api: GridApi<Row>, words: { yes: string; no: string }, infinite: boolean, loadedOnly: string): ExportedTable {
  if (!infinite) return gridCsv(api, words);
  return { ...gridRows(api, words, (visit) => api.forEachNode(visit)), note: loadedOnly };
}

type NodeVisitor<Row> = Parameters<GridApi<Row>['forEachNode']>[0];

function gridRows<Row>(api: GridApi<Row>, words: { yes: string; no: string }, forEach: (visit: NodeVisitor<Row>) => void): { headers: string[]; body: CsvValue[][] } {
  const columns = (api.getAllDisplayedColumns() ?? []).filter(isExported);
  const headers = columns.map((column) => api.getDisplayNameForColumn(column, 'csv') ?? column.getColId());
  const body: CsvValue[][] = [];
  forEach((node) => {
    if (!node.data) return;
    const data = node.data;
    body.push(columns.map((column) => csvValue(api, column, node, data, words)));
  });
  return { headers, body };
}

/** Columns that only hold actions or an icon say nothing in a file. */
function isExported(column: Column): boolean {
  const def = column.getColDef();
  const csv = columnContext(def).csv;
  if (csv === false) return false;
  return typeof csv === 'function' || def.field !== undefined || def.valueGetter !== undefined;
}

function csvValue<Row>(api: GridApi<Row>, column: Column, node: Parameters<GridApi<Row>['getCellValue']>[0]['rowNode'], data: Row, words: { yes: string; no: string }): CsvValue {
  const csv = columnContext<Row>(column.getColDef()).csv;
  if (typeof csv === 'function') return csv(data);
  const value: unknown = api.getCellValue({ rowNode: node, colKey: column });
  if (typeof value === 'number' || value === null || value === undefined) return value as CsvValue;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value !== 'string') return JSON.stringify(value);
  const withYear = csvDate(value);
  if (withYear !== value) return withYear;
  // Codes (a status) export as the words the user sees.
  if (!column.getColDef().valueFormatter) return value;
  const formatted: unknown = api.getCellValue({ rowNode: node, colKey: column, useFormatter: true });
  return typeof formatted === 'string' && formatted !== '' ? formatted : value;
}

/**
 * The height from the grid's top down to the bottom of the scrolling content area (less the
 * padding of the boxes around it), so the grid uses the space its board leaves and no more;
 * measured again when the window or the content area changes size.
 */
function useFillHeight(box: RefObject<HTMLDivElement | null>, enabled: boolean, minHeight: number): number {
  const [height, setHeight] = useState(minHeight);
  useLayoutEffect(() => {
    const element = box.current;
    if (!enabled || !element) return;
    const scroller = element.closest<HTMLElement>('#main-content') ?? document.documentElement;
    const measure = () => {
      const top = element.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
      let below = 0;
      for (let node = element.parentElement; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        below += parseFloat(style.paddingBottom) + parseFloat(style.borderBottomWidth);
        if (node === scroller) break;
      }
      setHeight(Math.max(minHeight, Math.floor(scroller.clientHeight - top - below)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    if (scroller.firstElementChild) observer.observe(scroller.firstElementChild);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [box, enabled, minHeight]);
  return height;
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

const userSizedKey = (gridId: string) => `cockpit.grid.${gridId}.userSized`;

/** Columns the user widened or narrowed by hand: auto-sizing leaves those alone. */
function loadUserSized(gridId: string): Set<string> {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(userSizedKey(gridId)) ?? '[]');
    return new Set(Array.isArray(saved) ? saved.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

function saveUserSized(gridId: string, colId: string): void {
  const sized = loadUserSized(gridId);
  sized.add(colId);
  localStorage.setItem(userSizedKey(gridId), JSON.stringify([...sized]));
}

function saveColumnLayout(gridId: string, state: GridState): void {
  const { columnOrder, columnSizing, columnVisibility, sort } = state;
  localStorage.setItem(layoutKey(gridId), JSON.stringify({ columnOrder, columnSizing, columnVisibility, sort } satisfies ColumnLayout));
}
