// "Did you mean": corrections from the knowledge base's own vocabulary. One edit is allowed from
// 5 letters, two from 9; a transposition counts as one edit (Damerau–Levenshtein, optimal string
// alignment). Candidates come from search_terms and share the first letter, or the second letter
// moved to the front (a slip or a swap at the start of the word).
import type { Db } from '../db/open';
import { stmt } from '../db/sql';

export function allowedEdits(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

/** Edit distance with transpositions, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** How many documents use the word in their text (title, summary, body). */
export function documentFrequency(db: Db, word: string): number {
  return (stmt(db, "SELECT coalesce(sum(doc), 0) FROM search_vocab WHERE term = ? AND col IN ('title', 'summary', 'body')").pluck().get(word) as number) ?? 0;
}

function candidates(db: Db, prefix: string, minLen: number, maxLen: number): string[] {
  const next = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return stmt(db, 'SELECT term FROM search_terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?')
    .pluck()
    .all(prefix, next, minLen, maxLen) as string[];
}

/** The best correction of one folded word, or null when it is known or nothing is close. */
export function correctWord(db: Db, word: string): string | null {
  const max = allowedEdits(word);
  if (max === 0 || /\d/.test(word) || documentFrequency(db, word) > 0) return null;
  const prefixes = [word[0]!, ...(word.length > 1 && word[1] !== word[0] ? [word[1]!] : [])];
  // Fewest edits first; then the longest shared beginning (people mistype the middle and the end
  // of a word more than its start: "trafiking" is "trafficking", not "training"); then frequency.
  let best: { term: string; key: [number, number, number] } | null = null;
  for (const p of prefixes) {
    for (const term of candidates(db, p, word.length - max, word.length + max)) {
      const dist = editDistance(word, term, max);
      if (dist > max || (best && dist > -best.key[0])) continue;
      const docs = documentFrequency(db, term);
      if (docs === 0) continue;
      const key: [number, number, number] = [-dist, sharedPrefix(word, term), docs];
      if (!best || key[0] > best.key[0] || (key[0] === best.key[0] && (key[1] > best.key[1] || (key[1] === best.key[1] && key[2] > best.key[2])))) {
        best = { term, key };
      }
    }
  }
  return best?.term ?? null;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
