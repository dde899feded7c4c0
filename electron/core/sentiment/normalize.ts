/**
 * Text clean-up before segmentation: bounded, NFKC, no control or invisible characters, and
 * traditional characters in their simplified form (the lexicon and the segmenter's dictionary are
 * simplified: 不錯 would otherwise be read as 不 plus an unknown character).
 */
import { TRADITIONAL_TO_SIMPLIFIED_PAIRS } from './traditional-chars';

/** Only this many characters (after NFKC) are scored; the rest of a very long text is ignored. */
export const MAX_SCORED_CHARS = 2000;

/**
 * Whether a UTF-16 code unit is dropped (replaced by a space): C0/C1 controls, zero-width
 * characters, bidi overrides, word joiners, variation selectors and the BOM. Checked by code
 * rather than by a regular expression so that lint can tell it is deliberate.
 */
function isInvisible(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    code === 0xfeff
  );
}

export function normalizeText(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0) return '';
  // Cut before NFKC too, so a megabyte of text never reaches normalize() whole.
  let text = raw.length > MAX_SCORED_CHARS * 2 ? raw.slice(0, MAX_SCORED_CHARS * 2) : raw;
  if (text.length <= MAX_SCORED_CHARS) {
    const fast = normalizeCommon(text);
    if (fast !== null) return fast;
  }
  if (text.includes('&')) text = decodeEntities(text);
  text = stripInvisible(text).normalize('NFKC');
  if (text.length > MAX_SCORED_CHARS) text = text.slice(0, MAX_SCORED_CHARS);
  const cleaned = stripInvisible(text).toLowerCase().trim();
  return hasTraditional(cleaned) ? toSimplified(cleaned) : cleaned;
}

/** Simplified code unit by traditional one; 0 where a character is not traditional. */
const SIMPLIFIED_OF = new Uint16Array(0x10000);
for (let i = 0; i + 1 < TRADITIONAL_TO_SIMPLIFIED_PAIRS.length; i += 2) {
  SIMPLIFIED_OF[TRADITIONAL_TO_SIMPLIFIED_PAIRS.charCodeAt(i)] = TRADITIONAL_TO_SIMPLIFIED_PAIRS.charCodeAt(i + 1);
}

function hasTraditional(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (SIMPLIFIED_OF[text.charCodeAt(i)] !== 0) return true;
  return false;
}

/** The text with each traditional character in its simplified form. */
function toSimplified(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const simplified = SIMPLIFIED_OF[code] as number;
    out += String.fromCharCode(simplified !== 0 ? simplified : code);
  }
  return out;
}

const FULLWIDTH = /[\u3000\uff01-\uff5e]/g;
const fromFullwidth = (char: string): string => (char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0));

/**
 * The same result as the general path for the usual review, built without NFKC and its copies, or
 * null when the text holds anything else. The usual review is printable ASCII, CJK ideographs,
 * Chinese punctuation that NFKC leaves alone (、。“”‘’《》「」【】—·) and the full-width forms of
 * ASCII (，！？：；（）), which NFKC maps to ASCII one for one, as the ideographic space to a space.
 */
function normalizeCommon(text: string): string | null {
  let fullwidth = false;
  let upper = false;
  let traditional = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x4e00 && code <= 0x9fff) {
      if (SIMPLIFIED_OF[code] !== 0) traditional = true;
      continue;
    }
    if (code >= 0x20 && code < 0x7f) {
      if (code === 0x26) return null; // '&': HTML entities are decoded on the general path
      if (code >= 0x41 && code <= 0x5a) upper = true;
      continue;
    }
    if (code >= 0xff01 && code <= 0xff5e) {
      fullwidth = true;
      if (code >= 0xff21 && code <= 0xff3a) upper = true;
      continue;
    }
    if (code === 0x3000) {
      fullwidth = true;
      continue;
    }
    if (STABLE_PUNCTUATION[code] === 1) continue;
    return null;
  }
  let out = fullwidth ? text.replace(FULLWIDTH, fromFullwidth) : text;
  if (upper) out = out.toLowerCase();
  if (traditional) out = toSimplified(out);
  return out.trim();
}

const STABLE_PUNCTUATION = new Uint8Array(0x10000);
for (const char of '、。“”‘’《》〈〉「」『』【】〔〕—·') STABLE_PUNCTUATION[char.charCodeAt(0)] = 1;

/**
 * Replaces invisible characters and lone surrogates (half of an emoji cut off, or hostile input)
 * by spaces; returns the same string when there is nothing to replace, which is the usual case.
 */
function stripInvisible(text: string): string {
  let out: string[] | null = null;
  let copiedUpTo = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let drop = false;
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) width = 2;
      else drop = true;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      drop = true;
    } else if (code < 0x20 || (code >= 0x7f && code <= 0xfeff)) {
      drop = isInvisible(code);
    }
    if (drop) {
      out ??= [];
      out.push(text.slice(copiedUpTo, i), ' ');
      copiedUpTo = i + 1;
    }
    if (width === 2) i++;
  }
  if (!out) return text;
  out.push(text.slice(copiedUpTo));
  return out.join('');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Scraped reviews often carry HTML entities (房&#38388; = 房间); decode the numeric and common named ones. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : ' ';
  });
}
