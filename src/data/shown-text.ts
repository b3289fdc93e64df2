/**
 * File text as it may appear in a message: invisible and control characters escaped (so binary
 * garbage never reaches a terminal as raw bytes) and long text cut short.
 */

/** Longest stretch of a cell or header shown in a message, in characters. */
export const SHOWN_TEXT_LIMIT = 40;

/** C0 and C1 controls, DEL, line/paragraph separators, bidi controls, BOM and the replacement char. */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffd]/g;

function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code === 0xfffd) return '\\uFFFD';
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Escapes invisible characters (`\x00`, `\u200B`, ...); the rest is left as it is. */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, escapeChar);
}

/** What the text's invisible characters are, in words, or '' when it has none. */
export function invisibleNote(text: string): string {
  if (text.includes('\u0000')) return ' (it holds a NUL byte, an invisible zero byte)';
  if (text.includes('\ufffd')) return ' (it holds bytes that are not UTF-8 text)';
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text) ? ' (it holds invisible control characters)' : '';
}

/**
 * A cell or name for a message, in double quotes: escaped and, past `limit` characters, cut with
 * its full length said after the quotes.
 */
export function quoted(text: string, limit = SHOWN_TEXT_LIMIT): string {
  const chars = [...text];
  if (chars.length <= limit) return `"${escapeInvisible(text)}"`;
  return `"${escapeInvisible(chars.slice(0, limit).join(''))}..." (${chars.length} characters)`;
}
