// Turning a roster file's bytes into text. Spreadsheet exports arrive as UTF-8 with or without a
// BOM, as UTF-16 "Unicode text" and as Windows-1252 from French Excel: a BOM decides; otherwise
// strict UTF-8 is tried first (a cp1252 file almost never decodes as valid UTF-8), then cp1252.
import iconv from 'iconv-lite';
import type { RosterEncoding } from '../../../shared/api';

export interface Decoded {
  text: string;
  encoding: RosterEncoding;
  bom: boolean;
}

function bomOf(buf: Uint8Array): { encoding: RosterEncoding; length: number } | undefined {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 written without a BOM still shows itself by a zero byte in every other position of ASCII text. */
function bomlessUtf16(buf: Uint8Array): RosterEncoding | undefined {
  const n = Math.min(buf.length - (buf.length % 2), 4096);
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZeros++;
    if (buf[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function detectEncoding(buf: Uint8Array): RosterEncoding {
  const bom = bomOf(buf);
  if (bom) return bom.encoding;
  const utf16 = bomlessUtf16(buf);
  if (utf16) return utf16;
  try {
    strictUtf8.decode(buf);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Decodes with the given encoding, or the detected one; a BOM of that encoding is dropped. */
export function decode(buf: Uint8Array, encoding?: RosterEncoding): Decoded {
  const chosen = encoding ?? detectEncoding(buf);
  const bom = bomOf(buf);
  const hasBom = bom?.encoding === chosen;
  const body = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).subarray(hasBom ? bom.length : 0);
  return { text: iconv.decode(body, chosen, { stripBOM: false }), encoding: chosen, bom: hasBom };
}
