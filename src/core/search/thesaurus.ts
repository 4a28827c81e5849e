// The bilingual thesaurus (resources/thesaurus/thesaurus.json), applied at query time: a run of
// query words that spells a concept's term, or an acronym, also finds the concept's other terms
// in both languages. Terms are compared word by word on their stems, so plurals match.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { resourcesDir } from '../paths';
import { foldWords, stems } from './fold';

const ThesaurusFile = z.object({
  version: z.literal(1),
  concepts: z.array(
    z.object({ id: z.string(), en: z.array(z.string()).min(1), fr: z.array(z.string()).min(1), acronyms: z.array(z.string()) }).strict(),
  ),
});

export interface Concept {
  id: string;
  /** Each term as folded words. */
  terms: string[][];
  acronyms: string[];
}

/** Acronyms that are everyday words in lower case ("un", "au", "who"…): matched only in capitals. */
const LOWERCASE_UNSAFE = new Set(['un', 'au', 'ue', 'ua', 'who', 'bit', 'tip', 'mieux', 'sar', 'api', 'ins', 'rec', 'esa', 'vtt', 'ce', 'pam', 'oit', 'eu']);

const wordKey = (w: string) => stems(w).join('|');
/**
 * Terms are grouped by the first two letters of their first word, and a group's stems are worked
 * out the first time a query needs it: stemming all 1,900 terms at start cost 40 ms of the first
 * search. Stemming only changes the end of a word, so a word and its forms share the group.
 */
const group = (firstWord: string) => firstWord.slice(0, 2);

export class Thesaurus {
  private readonly termsByGroup = new Map<string, { words: string[]; concept: Concept }[]>();
  private readonly byTerm = new Map<string, Map<string, Concept>>();
  private readonly byAcronym = new Map<string, Concept>();
  private readonly byLowerAcronym = new Map<string, Concept>();
  readonly maxTermWords: number;

  constructor(readonly concepts: Concept[]) {
    let max = 1;
    for (const c of concepts) {
      for (const t of c.terms) {
        const g = group(t[0]!);
        let list = this.termsByGroup.get(g);
        if (!list) this.termsByGroup.set(g, (list = []));
        list.push({ words: t, concept: c });
        max = Math.max(max, t.length);
      }
      for (const a of c.acronyms) {
        this.byAcronym.set(a, c);
        const lower = a.toLowerCase();
        if (lower.length >= 3 && !LOWERCASE_UNSAFE.has(lower) && !this.byLowerAcronym.has(lower)) this.byLowerAcronym.set(lower, c);
      }
    }
    this.maxTermWords = max;
  }

  static load(file = path.join(resourcesDir(), 'thesaurus', 'thesaurus.json')): Thesaurus {
    const data = ThesaurusFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return new Thesaurus(
      data.concepts.map((c) => ({ id: c.id, terms: [...c.en, ...c.fr].map((t) => foldWords(t)).filter((t) => t.length > 0), acronyms: c.acronyms })),
    );
  }

  /** The concept spelled by these folded words, if any. */
  termConcept(words: string[]): Concept | undefined {
    const g = group(words[0]!);
    let terms = this.byTerm.get(g);
    if (!terms) {
      terms = new Map();
      for (const t of this.termsByGroup.get(g) ?? []) terms.set(t.words.map(wordKey).join(' '), t.concept);
      this.byTerm.set(g, terms);
    }
    return terms.get(words.map(wordKey).join(' '));
  }

  /** The concept of an acronym as typed: exact case, or lower case when that is safe. */
  acronymConcept(raw: string): Concept | undefined {
    return this.byAcronym.get(raw) ?? this.byLowerAcronym.get(raw.toLowerCase());
  }
}

export interface ConceptSpan {
  start: number;
  length: number;
  concept: Concept;
}

/** Greedy longest matches of concepts over a run of single query words. */
export function findConcepts(t: Thesaurus, words: string[], raws: string[]): ConceptSpan[] {
  const spans: ConceptSpan[] = [];
  for (let i = 0; i < words.length; ) {
    let found: ConceptSpan | undefined;
    for (let len = Math.min(t.maxTermWords, words.length - i); len >= 1 && !found; len--) {
      const concept = t.termConcept(words.slice(i, i + len)) ?? (len === 1 ? t.acronymConcept(raws[i]!) : undefined);
      if (concept) found = { start: i, length: len, concept };
    }
    if (found) {
      spans.push(found);
      i += found.length;
    } else i++;
  }
  return spans;
}
