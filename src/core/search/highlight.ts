// Highlights computed on the original text, word by word, with the same folding as the index:
// "refugies" lights up "réfugiés", "oeuvre" lights up "œuvre". Results are text segments, never HTML.
import type { Segment } from '../../shared/api';
import { ELISION_RE, foldWord, stems, WORD_RE } from './fold';

export interface Matcher {
  /** Folded query words matched as prefixes. */
  prefixes: string[];
  /** Stems of the query words. */
  stems: Set<string>;
  /** Folded words that must match whole (quoted phrases). */
  exact: Set<string>;
}

/** Whether any word of the text matches (stops at the first). */
export function textMatches(m: Matcher, text: string): boolean {
  for (const w of text.matchAll(WORD_RE)) if (wordMatches(m, w[0])) return true;
  return false;
}

export function wordMatches(m: Matcher, word: string): boolean {
  const f = foldWord(word);
  if (!f) return false;
  if (m.exact.has(f)) return true;
  if (m.prefixes.some((p) => f.startsWith(p))) return true;
  return stems(f).some((s) => m.stems.has(s));
}

/** The whole text as segments. */
export function segmentText(m: Matcher, text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const w of text.matchAll(WORD_RE)) {
    if (!wordMatches(m, w[0])) continue;
    // "l'Union": the elision stays plain, only the word lights up.
    const start = w.index + (ELISION_RE.exec(w[0])?.[0].length ?? 0);
    if (start > last) out.push({ text: text.slice(last, start) });
    out.push({ text: text.slice(start, w.index + w[0].length), hit: true });
    last = w.index + w[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return mergePlain(out);
}

/**
 * A window of about `words` words around the densest hits of the first field that has one; the
 * first field's opening when no field has a hit.
 */
export function snippet(m: Matcher, fields: { name: string; text: string | null }[], words = 32): { segments: Segment[]; field: string | null } {
  for (const f of fields) {
    if (!f.text) continue;
    const tokens = [...f.text.matchAll(WORD_RE)];
    const hits = tokens.map((t) => wordMatches(m, t[0]));
    const first = hits.indexOf(true);
    if (first < 0) continue;
    const start = Math.max(0, first - Math.floor(words / 4));
    const end = Math.min(tokens.length, start + words);
    const from = start === 0 ? 0 : tokens[start]!.index;
    const to = end >= tokens.length ? f.text.length : tokens[end - 1]!.index + tokens[end - 1]![0].length;
    const segs = segmentText(m, f.text.slice(from, to).replace(/\s+/g, ' '));
    if (from > 0) segs.unshift({ text: '… ' });
    if (to < f.text.length) segs.push({ text: ' …' });
    return { segments: mergePlain(segs), field: f.name };
  }
  const opening = fields.find((f) => f.text)?.text ?? '';
  const tokens = [...opening.matchAll(WORD_RE)];
  const cut = tokens.length > words ? tokens[words - 1]!.index + tokens[words - 1]![0].length : opening.length;
  return { segments: opening ? [{ text: opening.slice(0, cut).replace(/\s+/g, ' ') + (cut < opening.length ? ' …' : '') }] : [], field: null };
}

function mergePlain(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const prev = out[out.length - 1];
    if (prev && !prev.hit && !s.hit) prev.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

export const segmentsToText = (segs: Segment[]) => segs.map((s) => s.text).join('');
