import { describe, expect, it } from 'vitest';
import { relevance } from '../../bench/relevance';

// Floors set a little under the measured scores (recall@10 0.81, nDCG@10 0.82 when written):
// a change that makes ranking worse for staff fails here before anyone notices in the app.
const FLOOR = { recall: 0.78, ndcg: 0.79 };

describe('relevance on the labelled query set', () => {
  it('stays above its floor and ahead of MiniSearch, FlexSearch and fuse.js', async () => {
    const r = await relevance();
    expect(r.queries).toBeGreaterThanOrEqual(40);
    const ours = r.engines.ours!;
    expect(ours.recall).toBeGreaterThanOrEqual(FLOOR.recall);
    expect(ours.ndcg).toBeGreaterThanOrEqual(FLOOR.ndcg);
    for (const name of ['minisearch', 'flexsearch', 'fuse']) {
      expect(ours.ndcg, name).toBeGreaterThan(r.engines[name]!.ndcg);
      expect(ours.recall, name).toBeGreaterThan(r.engines[name]!.recall);
    }
    for (const kind of ['accents', 'ligature-elision', 'cross-language', 'typo']) {
      expect(ours.byKind[kind]!.ndcg, kind).toBeGreaterThan(Math.max(...['minisearch', 'flexsearch', 'fuse'].map((n) => r.engines[n]!.byKind[kind]!.ndcg)));
    }
  });
});
