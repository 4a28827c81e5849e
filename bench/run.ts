// npm run bench: the search benchmark of the search issue. Generates 1k/10k/100k-record knowledge
// bases, measures our core search beside MiniSearch, FlexSearch and fuse.js on the same corpus and
// queries (each engine in its own process), scores relevance on the labelled query set, and writes
// bench/results/search.json and search.md. Sizes: BENCH_SIZES=1000,10000 to shorten a run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../src/core';
import { generateCorpus } from './corpus';
import { OTHER_ENGINES } from './engines';
import { BENCH_QUERIES } from './queries';
import { relevance } from './relevance';

const root = path.resolve(__dirname, '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const work = path.join(os.tmpdir(), `mieux-bench-${process.pid}`);
const queriesFile = path.join(work, 'queries.json');

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
const round = (n: number) => Math.round(n * 100) / 100;

interface ChildResult {
  engine: string;
  firstResultMs: number;
  openAndFirstQueryMs?: number;
  buildMs?: number;
  saveMs?: number[];
  times: Record<string, number[]>;
  rssMB: number;
}

const OPEN_ONLY_RUNS = 4;

function child(engine: string, source: string, reps: number): ChildResult {
  const out = execFileSync(tsx, [path.join(__dirname, 'child.ts'), engine, source, queriesFile, String(reps)], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 20 * 60_000 });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

function byKind(r: ChildResult) {
  const kinds: Record<string, { p50: number; p95: number }> = {};
  for (const kind of new Set(BENCH_QUERIES.map((q) => q.kind))) {
    const all = BENCH_QUERIES.filter((q) => q.kind === kind).flatMap((q) => r.times[q.query] ?? []);
    kinds[kind] = { p50: round(percentile(all, 50)), p95: round(percentile(all, 95)) };
  }
  const full = BENCH_QUERIES.filter((q) => q.kind !== 'typing').flatMap((q) => r.times[q.query] ?? []);
  return { kinds, full: { p50: round(percentile(full, 50)), p95: round(percentile(full, 95)) } };
}

function sizeRun(size: number) {
  const corpus = generateCorpus(size);
  const corpusFile = path.join(work, `corpus-${size}.json`);
  fs.writeFileSync(corpusFile, JSON.stringify(corpus));
  const dbFile = path.join(work, `kb-${size}.sqlite`);
  const core = createCore({ dbPath: dbFile });
  const t = performance.now();
  const imported = core.importExchange({ document: corpus });
  void imported;
  const buildMs = performance.now() - t;
  core.close();
  const dbMB = fs.statSync(dbFile).size / 2 ** 20;
  process.stderr.write(`[${size}] built our index in ${Math.round(buildMs)} ms (${dbMB.toFixed(1)} MiB)\n`);
  const ours = child('ours', dbFile, size >= 100_000 ? 10 : 20);
  // One open is one sample: the median of five processes (this run and four that only open).
  const opens = [ours.openAndFirstQueryMs!, ...Array.from({ length: OPEN_ONLY_RUNS }, () => child('ours', dbFile, 0).openAndFirstQueryMs!)];
  const others = OTHER_ENGINES.map((e) => {
    process.stderr.write(`[${size}] ${e}…\n`);
    return child(e, corpusFile, e === 'fuse' ? (size >= 100_000 ? 1 : 3) : 5);
  });
  return {
    size,
    ours: {
      buildMs: round(buildMs),
      dbMB: round(dbMB),
      openAndFirstQueryMs: round(percentile(opens, 50)),
      firstResultMs: round(ours.firstResultMs),
      rssMB: round(ours.rssMB),
      save: { p50: round(percentile(ours.saveMs!, 50)), p95: round(percentile(ours.saveMs!, 95)) },
      ...byKind(ours),
    },
    others: others.map((o) => ({ engine: o.engine, buildMs: round(o.buildMs!), firstResultMs: round(o.firstResultMs), rssMB: round(o.rssMB), ...byKind(o) })),
  };
}

const TARGETS = { fullP95: 30, typingP95: 10, typoP95: 50, saveP95: 10, openFirstMs: 150, rssMB: 300 };

function markdown(result: Awaited<ReturnType<typeof runAll>>): string {
  const ok = (v: number, max: number) => (v <= max ? `${v} ✓` : `${v} ✗`);
  const lines = [`# Search benchmark`, '', `${result.date} · Node ${process.version} · ${os.cpus().length} cores · ${result.machine}`, ''];
  lines.push('Times in milliseconds, p50/p95 over repeated runs of the fixed query set; every engine runs in its own process.', '');
  for (const s of result.sizes) {
    const o = s.ours;
    lines.push(`## ${s.size.toLocaleString('en')} records`, '');
    lines.push(`Ours: index build ${Math.round(o.buildMs)} ms, database ${o.dbMB} MiB, open + first query ${ok(o.openAndFirstQueryMs, TARGETS.openFirstMs)} (median of 5 processes, target ≤ ${TARGETS.openFirstMs}), save one record p95 ${ok(o.save.p95, TARGETS.saveP95)} (≤ ${TARGETS.saveP95}), RSS ${ok(o.rssMB, TARGETS.rssMB)} MiB (≤ ${TARGETS.rssMB}).`, '');
    lines.push(`Full search p95 ${ok(o.full.p95, TARGETS.fullP95)} (≤ ${TARGETS.fullP95}), typing p95 ${ok(o.kinds.typing!.p95, TARGETS.typingP95)} (≤ ${TARGETS.typingP95}), typo p95 ${ok(o.kinds.typo!.p95, TARGETS.typoP95)} (≤ ${TARGETS.typoP95}).`, '');
    const engines = [{ engine: 'ours', ...o }, ...s.others];
    lines.push(`| engine | first result after process start | build | RSS MiB | ${Object.keys(o.kinds).map((k) => `${k} p50/p95`).join(' | ')} |`);
    lines.push(`|---|---|---|---|${Object.keys(o.kinds).map(() => '---').join('|')}|`);
    for (const e of engines) {
      lines.push(`| ${e.engine} | ${Math.round(e.firstResultMs)} | ${Math.round(e.buildMs)} | ${Math.round(e.rssMB)} | ${Object.values(e.kinds).map((k) => `${k.p50} / ${k.p95}`).join(' | ')} |`);
    }
    lines.push('');
  }
  if (result.relevance) {
    const r = result.relevance;
    lines.push(`## Relevance on the labelled set (${r.queries} queries, demo knowledge base)`, '');
    const kinds = Object.keys(r.engines.ours!.byKind);
    lines.push(`| engine | recall@10 | nDCG@10 | ${kinds.map((k) => `${k} nDCG`).join(' | ')} |`);
    lines.push(`|---|---|---|${kinds.map(() => '---').join('|')}|`);
    for (const [name, e] of Object.entries(r.engines)) lines.push(`| ${name} | ${e.recall} | ${e.ndcg} | ${kinds.map((k) => e.byKind[k]?.ndcg ?? '').join(' | ')} |`);
    lines.push('');
  }
  return lines.join('\n');
}

async function runAll() {
  fs.mkdirSync(work, { recursive: true });
  fs.writeFileSync(queriesFile, JSON.stringify(BENCH_QUERIES));
  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    targets: TARGETS,
    sizes: sizes.map(sizeRun),
    relevance: await relevance(),
  };
  return result;
}

if (require.main === module) {
  void runAll().then((result) => {
    const dir = path.join(__dirname, 'results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'search.json'), JSON.stringify(result, null, 2) + '\n');
    fs.writeFileSync(path.join(dir, 'search.md'), markdown(result) + '\n');
    process.stdout.write(markdown(result) + '\n');
    fs.rmSync(work, { recursive: true, force: true });
  });
}
