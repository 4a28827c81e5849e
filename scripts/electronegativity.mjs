// Runs the Electronegativity scan over src/ and fails on any finding that is not in the reviewed
// allowlist (security/electronegativity-allowlist.json). Electronegativity itself exits 0 even
// with findings, so this reads its SARIF report. An allowlist entry that matches no finding
// fails too: a reason must not outlive the code it was written for.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const report = path.join(root, 'test-results', 'electronegativity.sarif');
const allowlist = JSON.parse(fs.readFileSync(path.join(root, 'security', 'electronegativity-allowlist.json'), 'utf8')).findings;
const electron = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const bin = path.join(root, 'node_modules', '.bin', 'electronegativity');
const run = spawnSync(bin, ['-i', path.join(root, 'src'), '-o', report, '-r', '-v', 'false', '-e', electron], { encoding: 'utf8', timeout: 300_000 });
if (!fs.existsSync(report)) {
  console.error(`Electronegativity produced no report (exit ${run.status}).\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}

const findings = JSON.parse(fs.readFileSync(report, 'utf8')).runs.flatMap((r) =>
  r.results.map((x) => ({
    rule: x.ruleId,
    file: x.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '?',
    line: x.locations?.[0]?.physicalLocation?.region?.startLine ?? 0,
    message: x.message?.text ?? '',
  })),
);
const key = (f) => `${f.rule} ${f.file}`;
const allowed = new Set(allowlist.map(key));
const unreviewed = findings.filter((f) => !allowed.has(key(f)));
const stale = allowlist.filter((a) => !findings.some((f) => key(f) === key(a)));
const unexplained = allowlist.filter((a) => typeof a.reason !== 'string' || a.reason.length < 40);

for (const f of unreviewed) console.error(`UNREVIEWED ${f.rule} at src/${f.file}:${f.line}: ${f.message}`);
for (const a of stale) console.error(`STALE allowlist entry ${key(a)}: it matches no finding any more; remove it.`);
for (const a of unexplained) console.error(`Allowlist entry ${key(a)} needs a real reason.`);
console.log(`Electronegativity: ${findings.length} findings, ${findings.length - unreviewed.length} reviewed, ${unreviewed.length} unreviewed, ${stale.length} stale allowlist entries.`);
process.exit(unreviewed.length || stale.length || unexplained.length ? 1 : 0);
