import { describe, expect, it } from 'vitest';
import { hasInvisibleCharacters, isolatedText, visibleText } from './untrusted-text';

describe('visibleText', () => {
  it('shows a terminal colour escape as \\x1B instead of a tofu box', () => {
    expect(visibleText('\u001b[31m商家回应\u001b[0m')).toBe('\\x1B[31m商家回应\\x1B[0m');
  });

  it('shows a right-to-left override, so "gnp.exe" cannot pass for "exe.png"', () => {
    expect(visibleText('invoice\u202Egnp.exe')).toBe('invoice\\u202Egnp.exe');
    expect(visibleText('a\u2066b\u2069c\u200fd')).toBe('a\\u2066b\\u2069c\\u200Fd');
  });

  it('names line breaks and tabs, and escapes the Unicode line and paragraph separators', () => {
    expect(visibleText('一\n二\r\n三\t四\u2028五\u2029')).toBe('一\\n二\\r\\n三\\t四\\u2028五\\u2029');
  });

  it('escapes DEL, C1 controls and the byte-order mark, and leaves ordinary text and emoji alone', () => {
    expect(visibleText('\u007f\u0085\ufeff')).toBe('\\x7F\\x85\\uFEFF');
    expect(visibleText('家人👨\u200d👩 computer’s 品质')).toBe('家人👨\u200d👩 computer’s 品质');
  });

  it('says whether anything needed escaping', () => {
    expect(hasInvisibleCharacters('plain 标题')).toBe(false);
    expect(hasInvisibleCharacters('x\u0007')).toBe(true);
    expect(hasInvisibleCharacters('x\u0007')).toBe(true);
  });
});

describe('isolatedText', () => {
  it('wraps the escaped text in one isolate that the text cannot close', () => {
    expect(isolatedText('a\u2069\u202Eb')).toBe('\u2068a\\u2069\\u202Eb\u2069');
  });
});
