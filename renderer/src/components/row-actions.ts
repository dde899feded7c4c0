/**
 * Row actions a grid can run from the keyboard: Enter on the focused action cell runs the first
 * action the row allows; an action's own letter runs it from any cell of the row. The letter is
 * shown in the action's tooltip.
 */

export interface RowAction<Row> {
  /** Stable id; the button's test id is `${id}-${rowId}`. */
  id: string;
  label: string;
  /** One letter (a–z), pressed without modifiers on any cell of the row. */
  shortcut: string;
  /** Whether this row offers the action at all (an acknowledged alert offers no "acknowledge"). */
  available(row: Row): boolean;
  run(row: Row): void;
  /** While true the button shows a spinner and the action does not run again. */
  busy?(row: Row): boolean;
  danger?: boolean;
}

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The action a key press asks for on this row, if any. */
export function actionForKey<Row>(actions: readonly RowAction<Row>[], row: Row, press: KeyPress, onActionCell: boolean): RowAction<Row> | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey) return undefined;
  const offered = actions.filter((action) => action.available(row) && !action.busy?.(row));
  if (press.key === 'Enter') return onActionCell ? offered[0] : undefined;
  if (press.key.length !== 1) return undefined;
  const letter = press.key.toLowerCase();
  return offered.find((action) => action.shortcut.toLowerCase() === letter);
}
