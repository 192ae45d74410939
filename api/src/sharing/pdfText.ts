// Standard PDF fonts (Helvetica) only encode WinAnsi (Latin-1 plus a few signs). No Unicode font with
// CJK glyphs ships with the project (nor @pdf-lib/fontkit to embed one), so text the font cannot
// encode is folded to its closest Latin spelling, and what has none becomes '?'. The PDF's metadata
// keeps the exact Unicode text, and the QR code leads to the badge page that shows it.

/** Latin letters that Unicode does not decompose into base letter + accent. */
const LATIN_FOLDS: Readonly<Record<string, string>> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŋ: 'N', ŋ: 'n',
  Ŧ: 'T', ŧ: 't', ĸ: 'k', ſ: 's', Ə: 'E', ə: 'e', Ɛ: 'E', ɛ: 'e', Ƒ: 'F', Ɨ: 'I', ɨ: 'i',
  ȷ: 'j', Ĳ: 'IJ', ĳ: 'ij', ŉ: "'n", '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2015': '-',
  '\u2032': "'", '\u2033': '"', '\u2212': '-', '\u00A0': ' ', '\u2007': ' ', '\u202F': ' ',
};

const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/**
 * `text` spelled only with characters in `supported` (code points the font can encode):
 * exact characters kept, accented letters the font lacks stripped of their accents, a few
 * Latin letters folded, line breaks and control characters made spaces, the rest '?'.
 */
export function toEncodableText(text: string, supported: ReadonlySet<number>): string {
  const normalised = text.normalize('NFC').replace(CONTROL_OR_BREAK, ' ');
  let result = '';
  for (const char of normalised) {
    if (supported.has(char.codePointAt(0)!)) {
      result += char;
      continue;
    }
    const folded = LATIN_FOLDS[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '');
    const encodable = folded.length > 0 && [...folded].every((c) => supported.has(c.codePointAt(0)!));
    result += encodable ? folded : '?';
  }
  return result;
}
