// The renderer's figure for `npm run bench`: keystroke to results painted, in Chromium, against
// serve mode over generated 10k and 100k-record knowledge bases. Each character of a few typed
// phrases is one sample: from the input event to the first frame painted after the results of
// exactly that text are on screen. Also reports the longest main-thread task while typing.
// Run: npm run build && npx tsx bench/renderer.ts   (RENDERER_BENCH_SIZES=10000 to shorten)
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../src/core';
import { rendererBundleDir, startServer } from '../src/core/http/server';
import { generateCorpus } from './corpus';

const sizes = (process.env.RENDERER_BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const PHRASES = ['gestion des frontières', 'trafficking in human beings', 'diaspora remittances', 'formation des formateurs', 'asylum policy Ghana'];
const executablePath = process.env.CHROMIUM_PATH || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const out = path.resolve(__dirname, 'results');

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}
const round = (n: number) => Math.round(n * 10) / 10;

/** Keeps the duration of the longest main-thread task (over 50 ms, as Chromium reports them). */
const WATCH_LONG_TASKS = `window.longestTask = 0;
new PerformanceObserver((list) => list.getEntries().forEach((e) => (window.longestTask = Math.max(window.longestTask, e.duration)))).observe({ type: 'longtask' });`;

/**
 * Runs in the page (as text: tsx would otherwise wrap its inner functions in a helper the page
 * lacks). Sets the search box as typing does, then waits for the first frame that paints the
 * results of exactly that text.
 */
const MEASURE_KEYSTROKE = `async (q) => {
  const input = document.querySelector('input[type="search"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const t0 = performance.now();
  setValue.call(input, q);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((resolve) => {
    const check = () => {
      const results = document.querySelector('section.results');
      // check() runs in a frame's animation callbacks, before that frame paints: once the results
      // are in the DOM here, this frame paints them, and a task queued now runs after that paint.
      if (results && results.getAttribute('data-query') === q && results.getAttribute('aria-busy') === 'false') setTimeout(resolve, 0);
      else requestAnimationFrame(check);
    };
    check();
  });
  return performance.now() - t0;
}`;

async function measure(size: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-renderer-bench-'));
  const core = createCore({ dbPath: path.join(dir, 'kb.sqlite') });
  const t = performance.now();
  core.importExchange({ document: generateCorpus(size) });
  process.stderr.write(`[${size}] knowledge base built in ${Math.round(performance.now() - t)} ms\n`);
  const server = await startServer({ core, staticDir: rendererBundleDir(), port: 0 });
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${server.url}#/search`);
    await page.getByRole('searchbox').waitFor();
    await page.evaluate(WATCH_LONG_TASKS);
    const samples: number[] = [];
    for (const phrase of PHRASES) {
      for (let i = 1; i <= phrase.length; i++) {
        const text = phrase.slice(0, i);
        if (!text.trim()) continue;
        const ms = (await page.evaluate(`(${MEASURE_KEYSTROKE})(${JSON.stringify(text)})`)) as number;
        samples.push(ms);
      }
    }
    const longestTask = (await page.evaluate('window.longestTask')) as number;
    return { size, keystrokes: samples.length, p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), max: round(Math.max(...samples)), longestTaskMs: round(longestTask) };
  } finally {
    await browser.close();
    await server.close();
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const results = [];
  for (const size of sizes) {
    const r = await measure(size);
    process.stderr.write(`[${size}] keystroke to results painted: p50 ${r.p50} ms, p95 ${r.p95} ms (longest task ${r.longestTaskMs} ms)\n`);
    results.push(r);
  }
  fs.mkdirSync(out, { recursive: true });
  // Other programs on the same cores inflate every figure: the load is kept beside them.
  const load = os.loadavg().map((n) => Math.round(n * 10) / 10);
  fs.writeFileSync(path.join(out, 'renderer.json'), JSON.stringify({ measuredAt: new Date().toISOString(), chromium: executablePath ?? 'playwright', cpus: os.cpus().length, loadAverage: load, results }, null, 2) + '\n');
  const table = ['| records | keystrokes | p50 (ms) | p95 (ms) | max (ms) | longest task (ms) |', '|---:|---:|---:|---:|---:|---:|', ...results.map((r) => `| ${r.size.toLocaleString('en')} | ${r.keystrokes} | ${r.p50} | ${r.p95} | ${r.max} | ${r.longestTaskMs} |`)];
  fs.writeFileSync(path.join(out, 'renderer.md'), `# Renderer: keystroke to results painted (Chromium, serve mode)\n\n${os.cpus().length} cores, load average ${load.join(' / ')} at the end of the run.\n\n${table.join('\n')}\n`);
  console.log(table.join('\n'));
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
