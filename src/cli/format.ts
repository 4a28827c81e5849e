// Human-readable output of the CLI (the --json output is the contract's own shape).
import type { ImportReport, SearchResult, Stats } from '../shared/api';

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
