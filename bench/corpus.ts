// Deterministic synthetic knowledge bases for the benchmark: sentences, titles and names are
// drawn from the demo data, so word frequencies and field lengths look like real records; about
// a third of the records are in French.
import fs from 'node:fs';
import path from 'node:path';
import { DOMAINS, TOPICS } from '../src/shared/reference';

interface DemoDoc {
  actions: { titleEn: string | null; titleFr: string | null; language: string; summary: string | null; objectives: string | null; activities: string | null; results: string | null; partners: string[] }[];
  lessons: { title: string; language: string; context: string | null; lesson: string | null; recommendation: string | null }[];
  experts: { givenName: string; familyName: string; institution: string | null; position: string | null; expertise: string | null; memberState: string | null; languages: unknown[]; topics: string[] }[];
}

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const PARTNER_COUNTRIES = ['GH', 'CI', 'SN', 'NG', 'BJ', 'CV', 'MA', 'TN', 'GE', 'MD', 'UA', 'AZ', 'JO', 'KZ', 'KG', 'TJ', 'TH', 'PH', 'ID', 'VN', 'MX', 'CR', 'BR', 'AR', 'PY', 'BO', 'EC', 'CO', 'UG', 'KE', 'ET', 'MG', 'MU', 'ZA', 'CM', 'CD', 'LR', 'SL'];
const COUNTRY_NAMES: Record<string, string> = { GH: 'Ghana', CI: "Côte d'Ivoire", SN: 'Senegal', NG: 'Nigeria', BJ: 'Bénin', CV: 'Cabo Verde', MA: 'Morocco', TN: 'Tunisia', GE: 'Georgia', MD: 'Moldova', UA: 'Ukraine', AZ: 'Azerbaijan', JO: 'Jordan', KZ: 'Kazakhstan', KG: 'Kyrgyzstan', TJ: 'Tajikistan', TH: 'Thailand', PH: 'Philippines', ID: 'Indonesia', VN: 'Viet Nam', MX: 'Mexico', CR: 'Costa Rica', BR: 'Brazil', AR: 'Argentina', PY: 'Paraguay', BO: 'Bolivia', EC: 'Ecuador', CO: 'Colombia', UG: 'Uganda', KE: 'Kenya', ET: 'Ethiopia', MG: 'Madagascar', MU: 'Mauritius', ZA: 'South Africa', CM: 'Cameroon', CD: 'DR Congo', LR: 'Liberia', SL: 'Sierra Leone' };

const sentences = (text: string | null) => (text ?? '').split(/(?<=[.!?])\s+/).filter((s) => s.length > 20);

export interface Corpus {
  format: 'mieux-kb';
  version: 1;
  actions: Record<string, unknown>[];
  lessons: Record<string, unknown>[];
  experts: Record<string, unknown>[];
}

/** A knowledge base of `size` records: 20% Actions, 50% lessons, 30% experts. */
export function generateCorpus(size: number, demoFile = path.resolve(__dirname, '../resources/demo/demo.mieux-kb.json')): Corpus {
  const demo = JSON.parse(fs.readFileSync(demoFile, 'utf8')) as DemoDoc;
  const r = rng(size);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const pool = { en: [] as string[], fr: [] as string[] };
  for (const a of demo.actions) for (const f of [a.summary, a.objectives, a.activities, a.results]) pool[a.language === 'fr' ? 'fr' : 'en'].push(...sentences(f));
  for (const l of demo.lessons) for (const f of [l.context, l.lesson, l.recommendation]) pool[l.language === 'fr' ? 'fr' : 'en'].push(...sentences(f));
  const text = (lang: 'en' | 'fr', min: number, max: number) => Array.from({ length: min + Math.floor(r() * (max - min + 1)) }, () => pick(pool[lang])).join(' ');
  const titles = { en: demo.lessons.filter((l) => l.language !== 'fr').map((l) => l.title), fr: demo.lessons.filter((l) => l.language === 'fr').map((l) => l.title) };
  const actionTitles = demo.actions.map((a) => (a.titleEn ?? a.titleFr ?? '').replace(/^[^:]*:\s*/, ''));
  const lang = (): 'en' | 'fr' => (r() < 1 / 3 ? 'fr' : 'en');
  const year = () => 2009 + Math.floor(r() * 17);
  const nActions = Math.max(1, Math.round(size * 0.2));
  const nLessons = Math.round(size * 0.5);
  const nExperts = size - nActions - nLessons;
  const uuid = (kind: number, i: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

  const actions = Array.from({ length: nActions }, (_, i) => {
    const country = pick(PARTNER_COUNTRIES);
    const l = lang();
    const start = year();
    const title = `${pick(actionTitles)}`;
    const code = `${COUNTRY_NAMES[country]} ${ROMAN[i % ROMAN.length]}${i >= ROMAN.length ? `-${Math.floor(i / ROMAN.length)}` : ''}`;
    const topic = pick(TOPICS).code;
    return {
      id: uuid(1, i),
      code,
      titleEn: l === 'en' ? `${code}: ${title}` : null,
      titleFr: l === 'fr' ? `${code} : ${title}` : null,
      language: l,
      status: start > 2024 ? 'ongoing' : 'completed',
      startDate: `${start}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}`,
      endDate: start > 2024 ? null : `${Math.min(start + 1 + Math.floor(r() * 3), 2026)}`,
      domain: r() < 0.7 ? topic.split('-')[0] : pick(DOMAINS).code,
      topics: [topic],
      countries: [country],
      summary: text(l, 2, 6),
      objectives: text(l, 2, 5),
      activities: text(l, 3, 7),
      results: text(l, 2, 6),
    };
  });
  const lessons = Array.from({ length: nLessons }, (_, i) => {
    const l = lang();
    return {
      id: uuid(2, i),
      title: `${pick(titles[l].length ? titles[l] : titles.en)}`,
      polarity: pick(['success', 'problem', 'good_practice'] as const),
      reviewStatus: pick(['draft', 'reviewed', 'validated'] as const),
      language: l,
      recordedOn: `${year()}`,
      context: text(l, 1, 4),
      lesson: text(l, 1, 4),
      recommendation: text(l, 1, 3),
      actions: [actions[Math.floor(r() * actions.length)]!.id],
    };
  });
  const experts = Array.from({ length: nExperts }, (_, i) => {
    const a = pick(demo.experts);
    const b = pick(demo.experts);
    return {
      id: uuid(3, i),
      givenName: a.givenName,
      familyName: b.familyName,
      email: `expert${i}@example.org`,
      institution: a.institution,
      position: b.position,
      memberState: a.memberState,
      languages: a.languages,
      topics: b.topics,
      expertise: pick(demo.experts).expertise,
    };
  });
  return { format: 'mieux-kb', version: 1, actions, lessons, experts };
}

/** The plain-text view of a record that the other engines index: id, title, text. */
export function flatten(c: Corpus): { id: string; title: string; text: string }[] {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return [
    ...c.actions.map((a) => ({ id: s(a.id), title: `${s(a.code)} ${s(a.titleEn) || s(a.titleFr)}`, text: [a.summary, a.objectives, a.activities, a.results].map(s).join('\n') })),
    ...c.lessons.map((l) => ({ id: s(l.id), title: s(l.title), text: [l.context, l.lesson, l.recommendation].map(s).join('\n') })),
    ...c.experts.map((e) => ({ id: s(e.id), title: `${s(e.givenName)} ${s(e.familyName)}`, text: [e.institution, e.position, e.expertise].map(s).join('\n') })),
  ];
}
