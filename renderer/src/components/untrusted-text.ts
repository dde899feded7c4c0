/**
 * Text from the network (alert titles, record fields, server errors) may carry terminal escapes,
 * other control characters, line separators and bidi overrides. Shown as they are, they draw as
 * tofu boxes, break lines, or make "gnp.exe" read as "exe.png". `visibleText` makes every such
 * character a visible escape (\x1B, \n, \u202E) so the reader sees exactly what arrived.
 */

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * C0 and C1 controls and DEL; bidi marks, embeddings, overrides and isolates; the line and
 * paragraph separators; the byte-order mark. Zero-width joiners stay: emoji need them.
 */
// Matching control characters is the point of this expression.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/g;

function escapeOf(char: string): string {
  const named = NAMED_ESCAPES[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

/** The text with every control, separator and bidi character replaced by a visible escape. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, escapeOf);
}

/** True when `visibleText` would change the text (the full original is then worth a tooltip). */
export function hasInvisibleCharacters(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}

/**
 * For untrusted text put into a plain string (a toast, a title attribute, an aria-label): visible
 * escapes, inside a first-strong isolate (U+2068 … U+2069) so its direction cannot spill over the
 * words around it. The input's own isolates were escaped, so it cannot close ours early.
 */
export function isolatedText(text: string): string {
  return `\u2068${visibleText(text)}\u2069`;
}
