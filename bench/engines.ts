// The engines compared with ours, each configured as its documentation recommends for
// accent-insensitive, prefix and fuzzy search over a title and a text field. Their index lives in
// memory and is built at every start.
import { Charset, Document } from 'flexsearch';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';

export type FlatDoc = {
  id: string;
  title: string;
  text: string;
};

export interface Engine {
  search(query: string, limit: number): string[];
}

const fold = (term: string) => term.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

export function buildEngine(name: string, docs: FlatDoc[]): Engine {
  if (name === 'minisearch') {
    const ms = new MiniSearch<FlatDoc>({ fields: ['title', 'text'], idField: 'id', processTerm: (t) => fold(t) });
    ms.addAll(docs);
    return { search: (q, limit) => ms.search(q, { prefix: true, fuzzy: 0.2, boost: { title: 3 }, combineWith: 'AND' }).slice(0, limit).map((r) => String(r.id)) };
  }
  if (name === 'flexsearch') {
    const index = new Document<FlatDoc>({
      document: { id: 'id', index: ['title', 'text'] },
      tokenize: 'forward',
      encoder: Charset.LatinBalance,
    });
    for (const d of docs) index.add(d);
    return {
      search: (q, limit) => {
        const out: string[] = [];
        // Results come per field; titles first, as their docs suggest for a title boost.
        const perField = index.search(q, { limit, suggest: true }) as unknown as { field: string; result: (string | number)[] }[];
        for (const field of ['title', 'text']) for (const id of perField.find((r) => r.field === field)?.result ?? []) if (!out.includes(String(id))) out.push(String(id));
        return out.slice(0, limit);
      },
    };
  }
  if (name === 'fuse') {
    const fuse = new Fuse(docs, { keys: [{ name: 'title', weight: 2 }, { name: 'text', weight: 1 }], threshold: 0.4, ignoreLocation: true, ignoreDiacritics: true });
    return { search: (q, limit) => fuse.search(q, { limit }).map((r) => r.item.id) };
  }
  throw new Error(`Unknown engine ${name}`);
}

export const OTHER_ENGINES = ['minisearch', 'flexsearch', 'fuse'] as const;
