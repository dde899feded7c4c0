/**
 * What a board shows that can go into a file: every DataGrid and every EChart on screen registers
 * itself here while it is mounted, so "export this board as it stands" needs nothing from the board.
 * Readers are called at export time: a grid gives its rows as filtered and sorted then, a chart
 * its picture as drawn then.
 */
import type { CsvValue } from '../csv-export';

export interface ExportedTable {
  headers: string[];
  body: CsvValue[][];
  /** Said under the sheet's title, e.g. that an infinite grid gave only the rows loaded. */
  note?: string;
}

export type Exportable =
  | { kind: 'table'; title: string; read(): ExportedTable }
  | { kind: 'chart'; title: string; /** Null when the chart has nothing drawn. */ read(): ChartPicture | null };

export interface ChartPicture {
  /** data:image/png;base64,… */
  dataUrl: string;
  /** The chart's size on screen, in CSS pixels: the picture keeps its proportions. */
  width: number;
  height: number;
}

const registered = new Map<symbol, Exportable>();

/** Registers until the returned function is called (on unmount). */
export function registerExportable(exportable: Exportable): () => void {
  const key = Symbol(exportable.title);
  registered.set(key, exportable);
  return () => {
    registered.delete(key);
  };
}

/** In the order they were mounted: the order they appear on the board. */
export function currentExportables(): Exportable[] {
  return [...registered.values()];
}
