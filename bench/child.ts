// One engine in a fresh process, so start-up time and memory are its own. Prints one JSON line.
//   tsx bench/child.ts ours <db file> <queries.json> <reps>   (reps 0: open and first query only)
//   tsx bench/child.ts <minisearch|flexsearch|fuse> <corpus.json> <queries.json> <reps>
import fs from 'node:fs';
import { createCore } from '../src/core';
import { flatten, type Corpus } from './corpus';
import { buildEngine } from './engines';
import { plainText } from './queries';

const [engine, source, queriesFile, repsArg] = process.argv.slice(2) as [string, string, string, string];
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8')) as { kind: string; query: string }[];
const reps = Number(repsArg);

async function main() {
  const times: Record<string, number[]> = {};
  const measure = async (query: string, run: () => unknown) => {
    const t = performance.now();
    await run();
    (times[query] ??= []).push(performance.now() - t);
  };
  const out: Record<string, unknown> = { engine };
  if (engine === 'ours') {
    const openStart = performance.now();
    const core = createCore({ dbPath: source });
    const first = await core.search({ query: queries[0]!.query, limit: 10 });
    out.openAndFirstQueryMs = performance.now() - openStart;
    out.firstResultMs = performance.now();
    if (!first.ok) throw new Error(first.error.message);
    if (reps > 0) {
      for (let i = 0; i < reps; i++) for (const q of queries) await measure(q.query, () => core.search({ query: q.query, limit: 20 }));
      const list = await core.listActions({ pageSize: 200 });
      if (!list.ok) throw new Error(list.error.message);
      const saves: number[] = [];
      for (let i = 0; i < 60; i++) {
        const a = list.value.items[i % list.value.items.length]!;
        const t = performance.now();
        const r = await core.updateAction({ id: a.id, data: { notes: `Benchmark note ${i} about diaspora mapping` } });
        saves.push(performance.now() - t);
        if (!r.ok) throw new Error(r.error.message);
      }
      out.saveMs = saves;
    }
    core.close();
  } else {
    const docs = flatten(JSON.parse(fs.readFileSync(source, 'utf8')) as Corpus);
    const buildStart = performance.now();
    const e = buildEngine(engine, docs);
    out.buildMs = performance.now() - buildStart;
    e.search(plainText(queries[0]!.query), 10);
    out.firstResultMs = performance.now();
    for (let i = 0; i < reps; i++) for (const q of queries) await measure(q.query, () => e.search(plainText(q.query), 20));
  }
  out.times = times;
  out.rssMB = process.memoryUsage().rss / 2 ** 20;
  process.stdout.write(JSON.stringify(out) + '\n');
}

void main();
