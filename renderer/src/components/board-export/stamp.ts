/*
 * Helpers for the stamp every printed page and exported sheet carries (the data's as-of time,
 * written by api/time's shanghaiMinute as the review pack's CLI writes it, and the workspace).
 */

/**
 * A CSS string literal for `content:` (the @page margin boxes): quotes, backslashes and line
 * breaks escaped, so a workspace name can never close the string and add rules of its own.
 */
export function cssString(text: string): string {
  const escaped = [...text]
    .map((ch) => (ch === '"' || ch === '\\' || ch < ' ' || ch === '\u007f' || ch === '<' ? `\\${ch.codePointAt(0)!.toString(16)} ` : ch))
    .join('');
  return `"${escaped}"`;
}

/** Safe in a file name on every system: no path separators, no characters Windows forbids. */
export function safeFileName(text: string): string {
  return text.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'cockpit';
}
