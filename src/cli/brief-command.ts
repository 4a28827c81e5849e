// kb brief: the preparation brief from the command line, over the same core as the app.
import fs from 'node:fs';
import type { KbResult, MethodInput } from '../shared/api';
import type { KbCore } from '../core';
import { formatBrief } from './format';

/** Repeatable and comma-separated: `--country CI,SN --country GH`. */
const listOption = (v: string[] | undefined) => (v ?? []).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);

interface BriefOptions {
  country?: string[];
  topic?: string[];
  domain?: string;
  text?: string;
  from?: string;
  to?: string;
  action?: string;
  level?: string;
  limit?: string;
  json?: boolean;
  html?: string;
  bundle?: string;
  lang?: string;
}

export async function runBrief(core: KbCore, o: BriefOptions, out: (s: string) => void, fail: (message: string) => never): Promise<void> {
  const unwrap = <T>(r: KbResult<T>): T => (r.ok ? r.value : fail(r.error.message));
  const countries = listOption(o.country).map((c) => c.toUpperCase());
  const topics = listOption(o.topic).map((t) => t.toUpperCase());
  if (!countries.length && !topics.length && !o.domain && !o.text && !o.action) {
    fail('brief needs at least one of --country, --topic, --domain, --text or --action');
  }
  const lang = o.lang ?? 'en';
  if (lang !== 'en' && lang !== 'fr') fail('--lang must be en or fr');
  const limit = o.limit === undefined ? undefined : Number(o.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100)) fail('--limit must be a whole number from 1 to 100');
  const input = {
    ...(o.action ? { actionId: await actionId(core, o.action, fail, unwrap) } : {}),
    draft: { countries, topics, domain: o.domain?.toUpperCase() ?? null, text: o.text ?? '', from: o.from ?? null, to: o.to ?? null },
    ...(o.level ? { languageLevel: o.level } : {}),
    ...(limit ? { limits: { actions: limit, lessons: limit, experts: limit } } : {}),
  } as MethodInput<'prepareBrief'>;
  const result = unwrap(await core.prepareBrief(input));
  const files: string[] = [];
  for (const [format, file] of [['html', o.html], ['bundle', o.bundle]] as const) {
    if (!file) continue;
    const doc = unwrap(await core.exportBrief({ brief: input, format, lang }));
    writeFile(file, doc.content, fail);
    files.push(format === 'html' ? `Wrote the printable brief to ${file} (print it to PDF from a browser).` : `Wrote ${doc.counts.actions} Actions, ${doc.counts.lessons} lessons, ${doc.counts.experts} experts and ${doc.counts.deployments} deployments to ${file}.`);
  }
  if (o.json) out(JSON.stringify(result, null, 2));
  else out([formatBrief(result), ...files].join('\n'));
}

/** An Action id, or its code (exactly, case-insensitive). */
async function actionId(core: KbCore, value: string, fail: (message: string) => never, unwrap: <T>(r: KbResult<T>) => T): Promise<string> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return value;
  const hits = unwrap(await core.search({ query: `"${value.replace(/"/g, '')}"`, types: ['action'], limit: 50 })).hits;
  const match = hits.filter((h) => h.code?.toLowerCase() === value.toLowerCase());
  if (match.length !== 1) fail(match.length ? `${match.length} Actions have the code "${value}": give its id` : `No Action with the code "${value}"`);
  return match[0]!.id;
}

function writeFile(file: string, content: string, fail: (message: string) => never): void {
  try {
    fs.writeFileSync(file, content);
  } catch (e) {
    fail(`Cannot write ${file}: ${(e as Error).message}`);
  }
}
