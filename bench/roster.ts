// npx tsx bench/roster.ts: the roster-import figure of the roster issue. Generates a 50,000-row
// roster the way French Excel writes it (Windows-1252, semicolons, CRLF, dd/mm/yyyy dates, mixed
// language notes, national phone numbers), then times the preview (a full rolled-back run), the
// import into an empty knowledge base, and a second import of the same file (all unchanged).
// Writes bench/results/roster.json and roster.md. ROSTER_ROWS=5000 shortens a run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { createCore } from '../src/core';
import type { RosterImportReport } from '../src/shared/api';

const rows = Number(process.env.ROSTER_ROWS ?? 50_000);
const budgetMs = 30_000;
const root = path.resolve(__dirname, '..');

const GIVEN = ['Hélène', 'François', 'José', 'Søren', 'Anna', 'Jörg', 'Maria', 'Zoé', 'Łukasz', 'Inès', 'Pieter', 'Ana'];
const FAMILY = ['Dupré', 'Lefèvre', 'Nuñez', 'Œrsted', 'Kowalska', 'Müller', 'Ionescu', 'Fontaine', 'Nowak', 'Petit', 'Janssens', 'Silva'];
const COUNTRIES = [['France', '01 23 45 67 89'], ['Belgique', '02 500 20 20'], ['Allemagne', '030 18 681 0'], ['Espagne', '91 555 12 34'], ['Pologne', '22 601 74 00']];
const LANGS = ['FR (natif), anglais courant', 'français C1; anglais B2; espagnol notions', 'English native, French B1', 'allemand natif, anglais C1'];
const INSTITUTIONS = ["Ministère de l'Intérieur", 'OFII', 'BAMF', 'Office for Foreigners', 'Ministerio de Inclusión'];

function roster(n: number): Buffer {
  const lines = ['Nom;Prénom;Courriel;Téléphone;Pays;Institution;Langues;Domaine;Dernière confirmation;Remarque interne'];
  for (let i = 0; i < n; i++) {
    const [country, phone] = COUNTRIES[i % COUNTRIES.length]!;
    const d = 1 + (i % 28);
    const m = 1 + (i % 12);
    lines.push(
      [
        FAMILY[i % FAMILY.length],
        GIVEN[(i * 7) % GIVEN.length],
        `expert${i}@example.eu`,
        phone,
        country,
        INSTITUTIONS[i % INSTITUTIONS.length],
        `"${LANGS[i % LANGS.length]}"`,
        i % 10 === 0 ? '"Gestion des frontières\r\net retour"' : 'Migration légale',
        `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/2024`,
        'not imported',
      ].join(';'),
    );
  }
  return iconv.encode(lines.join('\r\n') + '\r\n', 'windows-1252');
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-roster-bench-'));
  const content = roster(rows);
  const input = { fileName: 'roster.csv', contentBase64: content.toString('base64') };
  const core = createCore({ dbPath: path.join(work, 'kb.sqlite') });
  const time = async (fn: () => Promise<RosterImportReport>) => {
    const t = performance.now();
    const report = await fn();
    return { ms: Math.round(performance.now() - t), report };
  };
  const unwrap = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
    const r = await p;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  try {
    const preview = await time(() => unwrap(core.previewRosterImport(input)));
    const apply = await time(() => unwrap(core.applyRosterImport(input)));
    const again = await time(() => unwrap(core.applyRosterImport(input)));
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      rows,
      fileBytes: content.length,
      budgetMs,
      previewMs: preview.ms,
      importMs: apply.ms,
      reimportMs: again.ms,
      imported: apply.report.experts,
      reimported: again.report.experts,
      // The figure is the import itself; the preview (a full run rolled back) is shown beside it.
      withinBudget: apply.ms < budgetMs,
    };
    if (apply.report.experts.created !== rows || again.report.experts.unchanged !== rows) {
      throw new Error(`Unexpected counts: ${JSON.stringify(result)}`);
    }
    const out = path.join(root, 'bench', 'results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'roster.json'), JSON.stringify(result, null, 2) + '\n');
    fs.writeFileSync(
      path.join(out, 'roster.md'),
      [
        '# Roster import benchmark',
        '',
        `${result.date}, Node ${result.node}, ${result.cpus} CPUs. A ${rows.toLocaleString('en')}-row roster (${(result.fileBytes / 1024 / 1024).toFixed(1)} MiB, Windows-1252, semicolons, quoted newlines).`,
        '',
        '| step | time | budget |',
        '|---|---|---|',
        `| preview (full dry run, rolled back) | ${(result.previewMs / 1000).toFixed(1)} s | ${budgetMs / 1000} s |`,
        `| import into an empty knowledge base | ${(result.importMs / 1000).toFixed(1)} s | ${budgetMs / 1000} s |`,
        `| same file again (all unchanged) | ${(result.reimportMs / 1000).toFixed(1)} s | |`,
        '',
        `Within budget: ${result.withinBudget ? 'yes' : '**no**'}.`,
        '',
      ].join('\n'),
    );
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    if (!result.withinBudget) process.exitCode = 1;
  } finally {
    core.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

void main();
