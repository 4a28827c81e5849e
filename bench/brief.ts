// The preparation brief's latency on a generated knowledge base (100,000 records by default; target
// p95 ≤ 200 ms). Standalone: `npx tsx bench/brief.ts`; writes bench/results/brief.json and brief.md.
// Sizes: BRIEF_SIZES=10000,100000. The generated Actions carry one topic and one country each and
// experts no deployments, so a set of deployments is added to exercise the expert shortlist.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type KbCore } from '../src/core';
import type { MethodInput } from '../src/shared/api';
import { generateCorpus, rng } from './corpus';

const TARGET_P95_MS = 200;
const REPS = Number(process.env.BRIEF_REPS ?? 5);
const sizes = (process.env.BRIEF_SIZES ?? '100000').split(',').map(Number);

/** Requests like the ones officers prepare: countries, topics, a description, a period. */
const REQUESTS: { name: string; input: MethodInput<'prepareBrief'> }[] = [
  { name: 'CI diaspora, with text', input: { draft: { countries: ['CI'], topics: ['MD-DIASPORA'], domain: 'MD', text: "Côte d'Ivoire asks for support on a national diaspora engagement policy and the mapping of its diaspora", from: '2027-03', to: '2027-06' } } },
  { name: 'GH trafficking', input: { draft: { countries: ['GH'], topics: ['IMT-THB'], from: '2027-01' } } },
  { name: 'MA+TN labour migration, French text', input: { draft: { countries: ['MA', 'TN'], topics: ['LM-LABOUR', 'LM-INTEG'], text: 'Appui à la politique nationale de migration de main-d’œuvre et à la protection des travailleurs migrants' } } },
  { name: 'text only', input: { draft: { text: 'Training of border guards on document fraud and risk analysis at airports' } } },
  { name: 'KZ asylum, many topics', input: { draft: { countries: ['KZ', 'KG'], topics: ['IP-ASYLUM', 'IP-REFINTEG', 'HO-DATA', 'HO-LEGIS'], from: '2026-09', to: '2027-09' } } },
  { name: 'PH remittances, export-sized lists', input: { draft: { countries: ['PH'], topics: ['MD-REMIT'], text: 'remittances and financial inclusion' }, limits: { actions: 50, lessons: 100, experts: 50 } } },
];

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
const round = (n: number) => Math.round(n * 100) / 100;

/** Deployments of one expert in three to the Actions of the corpus, deterministic. */
function withDeployments(corpus: ReturnType<typeof generateCorpus>) {
  const r = rng(7);
  const deployments = corpus.experts
    .filter((_, i) => i % 3 === 0)
    .flatMap((e, i) =>
      Array.from({ length: 1 + (i % 3) }, (_, k) => {
        const a = corpus.actions[Math.floor(r() * corpus.actions.length)]!;
        return { expert: e.id, action: a.id, role: 'expert', activityType: k === 0 ? 'workshop' : 'training', startDate: `${2015 + Math.floor(r() * 12)}-0${1 + k}`, rating: 1 + Math.floor(r() * 5) };
      }),
    );
  return { ...corpus, deployments };
}

async function timed(core: KbCore, input: MethodInput<'prepareBrief'>): Promise<number> {
  const t = performance.now();
  const r = await core.prepareBrief(input);
  const ms = performance.now() - t;
  if (!r.ok) throw new Error(`prepareBrief failed: ${r.error.message}`);
  return ms;
}

async function sizeRun(size: number, work: string) {
  const corpus = withDeployments(generateCorpus(size));
  const dbFile = path.join(work, `brief-${size}.sqlite`);
  let core = createCore({ dbPath: dbFile });
  const t = performance.now();
  const report = await core.importExchange({ document: corpus });
  if (!report.ok) throw new Error(report.error.message);
  process.stderr.write(`[${size}] imported in ${Math.round(performance.now() - t)} ms\n`);
  core.close();
  // A fresh open, as the app has after a start: the first brief pays for loading the search table.
  core = createCore({ dbPath: dbFile });
  const firstMs = await timed(core, REQUESTS[0]!.input);
  const perRequest: Record<string, { p50: number; p95: number }> = {};
  const all: number[] = [];
  for (const req of REQUESTS) {
    const times: number[] = [];
    for (let i = 0; i < REPS; i++) times.push(await timed(core, req.input));
    all.push(...times);
    perRequest[req.name] = { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
    process.stderr.write(`[${size}] ${req.name}: p50 ${perRequest[req.name]!.p50} ms, p95 ${perRequest[req.name]!.p95} ms\n`);
  }
  const sample = await core.prepareBrief(REQUESTS[0]!.input);
  core.close();
  return {
    size,
    deployments: corpus.deployments.length,
    firstBriefMs: round(firstMs),
    p50: round(percentile(all, 50)),
    p95: round(percentile(all, 95)),
    perRequest,
    sampleCounts: sample.ok ? { actions: sample.value.actions.length, lessons: sample.value.lessons.length, experts: sample.value.experts.length } : null,
  };
}

function markdown(result: { date: string; machine: string; reps: number; sizes: Awaited<ReturnType<typeof sizeRun>>[] }): string {
  const lines = ['# Preparation brief benchmark', '', `${result.date} · Node ${process.version} · ${result.machine}`, ''];
  lines.push(`prepareBrief in process over a generated knowledge base; ${result.reps} runs of each of ${REQUESTS.length} requests after a first brief on a fresh open. Times in milliseconds.`, '');
  for (const s of result.sizes) {
    lines.push(`## ${s.size.toLocaleString('en')} records (${s.deployments.toLocaleString('en')} deployments)`, '');
    lines.push(`All requests: p50 ${s.p50}, p95 ${s.p95} ${s.p95 <= TARGET_P95_MS ? '✓' : '✗'} (target ≤ ${TARGET_P95_MS}). First brief after opening: ${s.firstBriefMs}.`, '');
    lines.push('| request | p50 | p95 |', '|---|---|---|');
    for (const [name, t] of Object.entries(s.perRequest)) lines.push(`| ${name} | ${t.p50} | ${t.p95} |`);
    lines.push('');
  }
  return lines.join('\n');
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-bench-brief-'));
  try {
    const result = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} cores · ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
      reps: REPS,
      targetP95Ms: TARGET_P95_MS,
      sizes: [] as Awaited<ReturnType<typeof sizeRun>>[],
    };
    for (const size of sizes) result.sizes.push(await sizeRun(size, work));
    const dir = path.join(__dirname, 'results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'brief.json'), JSON.stringify(result, null, 2) + '\n');
    fs.writeFileSync(path.join(dir, 'brief.md'), markdown(result) + '\n');
    process.stdout.write(markdown(result) + '\n');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
