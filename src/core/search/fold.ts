// Text folding shared by indexing, querying and highlighting, so all three agree on what a word
// is: lower case, no accents, ligatures spelled out, French elisions (l', d', qu'…) removed.
import { stemmer as stemEn } from '@orama/stemmers/english';
import { stemmer as stemFr } from '@orama/stemmers/french';

const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss', ﬁ: 'fi', ﬂ: 'fl', ĳ: 'ij', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd' };
const LIGATURE_RE = /[œŒæÆßﬁﬂĳøØłŁđĐ]/g;
/** A French elision at the start of a word (l', d', qu'…), in any case. */
export const ELISION_RE = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’ʼ]/i;
/** A word: letters and digits; apostrophes inside a word are kept so elisions can be cut. */
export const WORD_RE = /[\p{L}\p{N}]+(?:['’ʼ][\p{L}\p{N}]+)*/gu;

/**
 * Folds one word (already split): `L’Œuvre` → `oeuvre`. With `keepAccents` the accents stay
 * (`Traité` → `traité`): quoted phrases are matched that way, so "traite" is not "traité".
 */
export function foldWord(word: string, keepAccents = false): string {
  const cache = keepAccents ? accentCache : foldCache;
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const folded = foldUncached(word, keepAccents);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(word, folded);
  return folded;
}

// Records and queries repeat the same few thousand words: folding and stemming are memoised.
const CACHE_MAX = 200_000;
const foldCache = new Map<string, string>();
const accentCache = new Map<string, string>();

function foldUncached(word: string, keepAccents: boolean): string {
  const lig = word.replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c);
  const base = (keepAccents ? lig.normalize('NFC') : lig.normalize('NFD').replace(/\p{M}+/gu, '')).toLowerCase();
  return base.replace(ELISION_RE, '').replace(/['’ʼ]/g, '');
}

/** The folded words of a text, in order. */
export function foldWords(text: string, keepAccents = false): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const w = foldWord(m[0], keepAccents);
    if (w) out.push(w);
  }
  return out;
}

export function foldText(text: string | null | undefined, keepAccents = false): string {
  return text ? foldWords(text, keepAccents).join(' ') : '';
}

const stemCache = new Map<string, string[]>();

/** English and French stems of a folded word: records are often mislabelled, so both are kept. */
export function stems(folded: string): string[] {
  const cached = stemCache.get(folded);
  if (cached) return cached;
  let out: string[];
  if (folded.length < 3 || /^\d+$/.test(folded)) out = [folded];
  else {
    const en = stemEn(folded);
    const fr = stemFr(folded);
    out = en === fr ? [en] : [en, fr];
  }
  if (stemCache.size >= CACHE_MAX) stemCache.clear();
  stemCache.set(folded, out);
  return out;
}

export function stemText(text: string): string {
  const seen = new Set<string>();
  for (const w of foldWords(text)) for (const s of stems(w)) seen.add(s);
  return [...seen].join(' ');
}

/**
 * Small words: left out of word pairs, out of the words a query requires, and unhighlighted when
 * a thesaurus term brings them. Changing this list changes what is indexed, so it ships with a
 * migration that rebuilds the search index.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  'a an and the of in on for to with by from at as is are be or during des de du la le les et en au aux pour par sur un une dans avec ou pendant entre chez'.split(' '),
);
export const isStopword = (w: string) => w.length < 2 || STOPWORDS.has(w);

/**
 * The pairs of neighbouring words of a folded text, small words skipped, as single tokens
 * ("engagement de la diaspora" → `_engagement_diaspora`). A thesaurus phrase is then one or two
 * token lookups instead of an FTS5 phrase, which reads the positions of every word in it, and
 * "de" or "the" are in most documents. The leading underscore keeps the pairs out of every word's
 * prefix range.
 */
export function wordPairs(words: readonly string[]): string[] {
  const out: string[] = [];
  let previous: string | null = null;
  for (const w of words) {
    if (isStopword(w)) continue;
    if (previous !== null) out.push(`_${previous}_${w}`);
    previous = w;
  }
  return out;
}

/**
 * The pairs of a place name, apart from the text's (`__afrique_ouest`): a thesaurus term looks for
 * a place with lookups of tokens that are few, where the same pair in the text may be in thousands
 * of documents that its words already find.
 */
export const placePairs = (words: readonly string[]) => wordPairs(words).map((p) => `_${p}`);
