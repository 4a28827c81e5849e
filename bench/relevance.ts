// Relevance on the labelled query set (tests/fixtures/relevance/queries.json, on the demo
// knowledge base): mean recall@10 and nDCG@10 with binary labels, for our engine and the others.
// Used by the benchmark report and by the relevance regression test.
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../src/core';
import { flatten } from './corpus';
import { buildEngine, OTHER_ENGINES } from './engines';
import { plainText } from './queries';

const root = path.resolve(__dirname, '..');
const round = (n: number) => Math.round(n * 100) / 100;

interface Labelled {
  queries: { query: string; lang: string; kind: string; relevant: string[] }[];
}

export function scoreRanking(ranked: string[], relevant: string[], k = 10) {
  const rel = new Set(relevant);
  const ideal = Math.min(rel.size, k);
  const top = ranked.slice(0, k);
  const found = top.filter((id) => rel.has(id)).length;
  const dcg = top.reduce((s, id, i) => s + (rel.has(id) ? 1 / Math.log2(i + 2) : 0), 0);
  const idcg = Array.from({ length: ideal }, (_, i) => 1 / Math.log2(i + 2)).reduce((a, b) => a + b, 0);
  return { recall: ideal ? found / ideal : 0, ndcg: idcg ? dcg / idcg : 0 };
}

/** Mean recall@10 and nDCG@10 of every engine over the labelled queries on the demo corpus. */
export async function relevance(labelledFile = path.join(root, 'tests/fixtures/relevance/queries.json')) {
  const labelled = JSON.parse(fs.readFileSync(labelledFile, 'utf8')) as Labelled;
  const demo = JSON.parse(fs.readFileSync(path.join(root, 'resources/demo/demo.mieux-kb.json'), 'utf8'));
  const core = createCore({ dbPath: ':memory:' });
  await core.importExchange({ document: demo });
  const engines: Record<string, (q: string) => Promise<string[]>> = {
    ours: async (q) => {
      const r = await core.search({ query: q, limit: 10 });
      return r.ok ? r.value.hits.map((h) => h.id) : [];
    },
  };
  for (const name of OTHER_ENGINES) {
    const e = buildEngine(name, flatten(demo));
    engines[name] = async (q) => e.search(plainText(q), 10);
  }
  const out: Record<string, { recall: number; ndcg: number; byKind: Record<string, { recall: number; ndcg: number }> }> = {};
  for (const [name, run] of Object.entries(engines)) {
    const scores: { kind: string; recall: number; ndcg: number }[] = [];
    for (const q of labelled.queries) scores.push({ kind: q.kind, ...scoreRanking(await run(q.query), q.relevant) });
    const mean = (xs: { recall: number; ndcg: number }[]) => ({
      recall: round(xs.reduce((s, x) => s + x.recall, 0) / xs.length),
      ndcg: round(xs.reduce((s, x) => s + x.ndcg, 0) / xs.length),
    });
    out[name] = { ...mean(scores), byKind: Object.fromEntries([...new Set(scores.map((s) => s.kind))].map((k) => [k, mean(scores.filter((s) => s.kind === k))])) };
  }
  core.close();
  return { queries: labelled.queries.length, engines: out };
}

