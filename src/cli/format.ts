// Human-readable output of the CLI (the --json output is the contract's own shape).
import type { Brief, ImportReport, SearchResult, Stats } from '../shared/api';

export function formatImportReport(r: ImportReport): string {
  const line = (name: string, c: ImportReport['actions']) =>
    `  ${name.padEnd(12)} ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected`;
  return [
    r.dryRun ? 'Dry run: nothing was written.' : 'Import done.',
    line('Actions', r.actions),
    line('Lessons', r.lessons),
    line('Experts', r.experts),
    line('Deployments', r.deployments),
    ...r.rejections.map((x) => `  rejected ${x.path ?? `line ${x.line}`}: ${x.reason}`),
  ].join('\n');
}

export function formatStats(s: Stats): string {
  return [
    `Actions:                 ${s.actions}`,
    `Lessons learned:         ${s.lessons}`,
    `Experts on the roster:   ${s.experts}`,
    `Experts deployed:        ${s.expertsDeployed}`,
    `EU officials deployed:   ${s.euOfficials}`,
    `Member States:           ${s.memberStates}`,
    `Partner countries:       ${s.countries}`,
    `Regions:                 ${s.regions}`,
    `Deployments:             ${s.deployments}`,
  ].join('\n');
}

export function formatSearch(r: SearchResult): string {
  const lines = [`${r.total} result${r.total === 1 ? '' : 's'} for "${r.query}"${r.suggestionApplied ? ` (showing results for "${r.suggestion}")` : ''}`];
  if (!r.suggestionApplied && r.suggestion) lines.push(`Did you mean: ${r.suggestion}?`);
  for (const h of r.hits) {
    lines.push(`[${h.type}] ${h.code && !h.title.startsWith(h.code) ? `${h.code} — ` : ''}${h.title}`);
    if (h.snippet) lines.push(`    ${h.snippet}`);
  }
  return lines.join('\n');
}

export function formatBrief(b: Brief): string {
  const r = b.request;
  const asked = [
    r.action ? `from ${r.action.code}` : '',
    r.countries.length ? `${r.countries.join(', ')} (${r.regions.join(', ')})` : '',
    r.domain ?? '',
    r.topics.join(', '),
    r.from || r.to ? `${r.from ?? '…'} to ${r.to ?? '…'}` : '',
  ].filter(Boolean);
  const pin = (p: boolean) => (p ? ' [pinned]' : '');
  const lines = [`Preparation brief: ${asked.join(' · ') || 'description only'}`, '', `Similar past Actions (${b.actions.length})`];
  for (const a of b.actions) lines.push(`  ${a.score.toFixed(1).padStart(5)}  ${a.code}${a.title.startsWith(a.code) ? a.title.slice(a.code.length) : ` — ${a.title}`}${pin(a.pinned)}`, `         ${a.reason}`);
  lines.push('', `Applicable lessons (${b.lessons.length})`);
  for (const l of b.lessons) lines.push(`  ${l.score.toFixed(1).padStart(5)}  ${l.title} (${l.polarity}, ${l.reviewStatus})${pin(l.pinned)}`, `         ${l.reason}`);
  lines.push('', `Expert shortlist (${b.experts.length})`);
  for (const e of b.experts) {
    lines.push(`  ${e.score.toFixed(1).padStart(5)}  ${e.name}${e.email ? ` <${e.email}>` : ''}${pin(e.pinned)}`);
    lines.push(`         ${e.factors.map((f) => `${f.factor} ${f.points}/${f.weight}`).join(', ')}`);
  }
  return lines.join('\n');
}
