// Exports of a brief: a self-contained printable HTML page (the PDF is the UI's print-to-PDF of
// it) and a `.mieux-kb.json` bundle of the records it refers to, for a colleague to import.
import type { Brief, BriefExport, BriefFactor, Reference } from '../../shared/api';
import type { ExchangeFile } from '../../shared/schemas';
import type { Db } from '../db/open';
import { isHidden } from '../experts/experts.service';
import type { Stores } from '../io/exchange';
import { deploymentIdsBetween } from './brief.repo';

type Lang = 'en' | 'fr';

const LABELS = {
  en: {
    title: 'Preparation brief',
    request: 'The request',
    fromAction: 'Prepared from the Action',
    countries: 'Partner countries',
    regions: 'Regions',
    domain: 'Domain',
    topics: 'Topics',
    period: 'Planned period',
    description: 'Description',
    searchedFor: 'Searched for',
    languages: 'Working languages',
    levelNeeded: 'level needed',
    actions: 'Similar past Actions',
    lessons: 'Applicable lessons learned',
    experts: 'Expert shortlist',
    action: 'Action',
    when: 'Period',
    score: 'Score',
    why: 'Why',
    from: 'From',
    lesson: 'Lesson',
    recommendation: 'Recommendation',
    expert: 'Expert',
    memberState: 'Member State',
    availability: 'Availability',
    contact: 'Contact',
    factor: 'Factor',
    detail: 'What was found',
    value: 'Value',
    weight: 'Weight',
    points: 'Points',
    pinned: 'pinned',
    none: 'Nothing found.',
    generated: 'Generated on',
    scoring: 'Each score is the sum over its factors of value (0 to 1) × weight; the weights are listed below. Reasons and details are in English.',
    weights: 'Weights',
    print: 'To make a PDF, print this page and choose "Save as PDF".',
    polarity: { problem: 'problem', success: 'success', good_practice: 'good practice' } as Record<string, string>,
    review: { validated: 'validated', reviewed: 'reviewed', draft: 'draft', retired: 'retired' } as Record<string, string>,
    factors: {
      topic: 'Topic', text: 'Text', place: 'Country or region', recency: 'Recency', domain: 'Domain', similarAction: 'From a similar Action',
      kind: 'Kind', review: 'Review', language: 'Language', availability: 'Availability', freshness: 'Profile freshness', region: 'Regional experience', rating: 'Ratings',
    } as Record<string, string>,
  },
  fr: {
    title: 'Note de préparation',
    request: 'La demande',
    fromAction: 'Préparée à partir de l’Action',
    countries: 'Pays partenaires',
    regions: 'Régions',
    domain: 'Domaine',
    topics: 'Thèmes',
    period: 'Période prévue',
    description: 'Description',
    searchedFor: 'Termes recherchés',
    languages: 'Langues de travail',
    levelNeeded: 'niveau requis',
    actions: 'Actions passées similaires',
    lessons: 'Enseignements applicables',
    experts: 'Experts proposés',
    action: 'Action',
    when: 'Période',
    score: 'Score',
    why: 'Pourquoi',
    from: 'Issu de',
    lesson: 'Enseignement',
    recommendation: 'Recommandation',
    expert: 'Expert',
    memberState: 'État membre',
    availability: 'Disponibilité',
    contact: 'Contact',
    factor: 'Critère',
    detail: 'Constat',
    value: 'Valeur',
    weight: 'Poids',
    points: 'Points',
    pinned: 'épinglé',
    none: 'Aucun résultat.',
    generated: 'Produite le',
    scoring: 'Chaque score est la somme, sur ses critères, de la valeur (0 à 1) × le poids ; les poids figurent ci-dessous. Les raisons et constats sont en anglais.',
    weights: 'Poids',
    print: 'Pour obtenir un PDF, imprimez cette page et choisissez « Enregistrer au format PDF ».',
    polarity: { problem: 'problème', success: 'réussite', good_practice: 'bonne pratique' } as Record<string, string>,
    review: { validated: 'validé', reviewed: 'relu', draft: 'brouillon', retired: 'retiré' } as Record<string, string>,
    factors: {
      topic: 'Thème', text: 'Texte', place: 'Pays ou région', recency: 'Actualité', domain: 'Domaine', similarAction: 'Issu d’une Action similaire',
      kind: 'Nature', review: 'Relecture', language: 'Langue', availability: 'Disponibilité', freshness: 'Fraîcheur du profil', region: 'Expérience régionale', rating: 'Évaluations',
    } as Record<string, string>,
  },
} satisfies Record<Lang, unknown>;

/** Every value that reaches the page goes through here. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root { color-scheme: light; }
body { font: 11pt/1.45 "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; color: #0b3d6b; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; color: #0b3d6b; border-bottom: 2px solid #0b3d6b; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #c8d0d8; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.num, th.num { text-align: right; white-space: nowrap; }
.muted { color: #555; font-size: .9em; }
.tag { display: inline-block; border: 1px solid #8aa; border-radius: .6rem; padding: 0 .45rem; font-size: .8em; margin-right: .25rem; }
.pin { background: #fff3c4; border-color: #c9a400; }
.lesson { border: 1px solid #c8d0d8; border-radius: .3rem; padding: .5rem .75rem; margin: .6rem 0; }
.lesson p { margin: .3rem 0; }
.factors { font-size: .85em; }
footer { margin-top: 2rem; font-size: .85em; color: #555; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  tr, .lesson { break-inside: avoid; }
  .screen-only { display: none; }
}`;

function names(ref: Reference, lang: Lang) {
  const m = (list: { code: string; en: string; fr: string }[]) => new Map(list.map((x) => [x.code, x[lang]]));
  const countries = m(ref.countries);
  const topics = m(ref.topics);
  const regions = m(ref.regions);
  const domains = m(ref.domains);
  const languages = m(ref.languages);
  const label = (map: Map<string, string>) => (code: string) => `${map.get(code) ?? code} (${code})`;
  return { country: label(countries), topic: label(topics), region: label(regions), domain: label(domains), language: (c: string) => languages.get(c) ?? c };
}

const period = (from: string | null, to: string | null) => (from || to ? `${from ?? '…'} – ${to ?? '…'}` : '');

export function briefHtml(brief: Brief, ref: Reference, lang: Lang): string {
  const t = LABELS[lang];
  const n = names(ref, lang);
  const e = escapeHtml;
  const r = brief.request;
  const pin = (pinned: boolean) => (pinned ? ` <span class="tag pin">${e(t.pinned)}</span>` : '');
  const row = (label: string, value: string) => (value ? `<dt>${e(label)}</dt><dd>${e(value)}</dd>` : '');
  const factorTable = (factors: BriefFactor[]) =>
    `<table class="factors"><thead><tr><th>${e(t.factor)}</th><th>${e(t.detail)}</th><th class="num">${e(t.value)}</th><th class="num">${e(t.weight)}</th><th class="num">${e(t.points)}</th></tr></thead><tbody>${factors
      .map((f) => `<tr><td>${e(t.factors[f.factor] ?? f.factor)}</td><td>${e(f.detail)}</td><td class="num">${e(f.value)}</td><td class="num">${e(f.weight)}</td><td class="num">${e(f.points)}</td></tr>`)
      .join('')}</tbody></table>`;

  const request = `<dl>${[
    row(t.fromAction, r.action?.code ?? ''),
    row(t.countries, r.countries.map(n.country).join(', ')),
    row(t.regions, r.regions.map(n.region).join(', ')),
    row(t.domain, r.domain ? n.domain(r.domain) : ''),
    row(t.topics, r.topics.map(n.topic).join(', ')),
    row(t.period, period(r.from, r.to)),
    row(t.languages, r.languages.length ? `${r.languages.map((l) => `${l.country}: ${[...l.official, ...l.working].map(n.language).join(', ') || '—'}`).join('; ')} (${t.levelNeeded} ${r.languageLevel})` : ''),
    row(t.description, r.text),
    row(t.searchedFor, r.textTerms.join(', ')),
  ].join('')}</dl>`;

  const actions = brief.actions.length
    ? `<table><thead><tr><th>${e(t.action)}</th><th>${e(t.when)}</th><th>${e(t.countries)}</th><th>${e(t.why)}</th><th class="num">${e(t.score)}</th></tr></thead><tbody>${brief.actions
        .map(
          (a) =>
            `<tr><td><strong>${e(a.code)}</strong>${pin(a.pinned)}<br>${e(a.title)}</td><td>${e(period(a.startDate, a.endDate))}</td><td>${e(a.countries.join(', '))}</td><td>${e(a.reason)}</td><td class="num">${e(a.score)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : `<p>${e(t.none)}</p>`;

  const lessons = brief.lessons.length
    ? brief.lessons
        .map(
          (l) => `<div class="lesson"><h3>${e(l.title)}${pin(l.pinned)}</h3>
<p class="muted"><span class="tag">${e(t.polarity[l.polarity] ?? l.polarity)}</span><span class="tag">${e(t.review[l.reviewStatus] ?? l.reviewStatus)}</span>${e(t.from)}: ${e(l.actions.map((a) => a.code).join(', '))}${l.recordedOn ? ` · ${e(l.recordedOn)}` : ''} · ${e(t.score)} ${e(l.score)}</p>
${l.lesson ? `<p><strong>${e(t.lesson)}:</strong> ${e(l.lesson)}</p>` : ''}${l.recommendation ? `<p><strong>${e(t.recommendation)}:</strong> ${e(l.recommendation)}</p>` : ''}
<p class="muted">${e(t.why)}: ${e(l.reason)}</p></div>`,
        )
        .join('\n')
    : `<p>${e(t.none)}</p>`;

  const experts = brief.experts.length
    ? `<table><thead><tr><th>${e(t.expert)}</th><th>${e(t.memberState)}</th><th>${e(t.languages)}</th><th>${e(t.availability)}</th><th>${e(t.why)}</th><th class="num">${e(t.score)}</th></tr></thead><tbody>${brief.experts
        .map(
          (x) =>
            `<tr><td><strong>${e(x.name)}</strong>${pin(x.pinned)}<br><span class="muted">${e([x.position, x.institution].filter(Boolean).join(', '))}</span>${x.email ? `<br><span class="muted">${e(t.contact)}: ${e(x.email)}</span>` : ''}</td><td>${e(x.memberState ?? '')}</td><td>${e(x.languages.map((l) => `${l.code} ${l.level}`).join(', '))}</td><td>${e(x.availability)}${x.availabilityNote ? `<br><span class="muted">${e(x.availabilityNote)}</span>` : ''}</td><td>${e(x.reason)}</td><td class="num">${e(x.score)}</td></tr>`,
        )
        .join('')}</tbody></table>
${brief.experts.map((x) => `<h3>${e(x.name)} — ${e(t.score)} ${e(x.score)}</h3>${factorTable(x.factors)}`).join('\n')}`
    : `<p>${e(t.none)}</p>`;

  const weights = (Object.entries(brief.weights) as [string, Record<string, number>][])
    .map(([list, ws]) => `${e(t[list as 'actions' | 'lessons' | 'experts'])}: ${Object.entries(ws).map(([f, w]) => `${e(t.factors[f] ?? f)} ${e(w)}`).join(', ')}`)
    .join('<br>');

  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${t.title}${r.countries.length ? ` — ${r.countries.join(', ')}` : ''}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${e(t.title)}</h1><p class="muted">${e(t.generated)} ${e(brief.generatedAt.slice(0, 16).replace('T', ' '))} UTC</p></header>
<section><h2>${e(t.request)}</h2>${request}</section>
<section><h2>${e(t.actions)}</h2>${actions}</section>
<section><h2>${e(t.lessons)}</h2>${lessons}</section>
<section><h2>${e(t.experts)}</h2>${experts}</section>
<footer><p>${e(t.scoring)}</p><p>${e(t.weights)}:<br>${weights}</p><p class="screen-only">${e(t.print)}</p></footer>
</body>
</html>
`;
}

type BundleAction = Omit<ExchangeFile['actions'][number], 'relatedActions'> & { relatedActions?: string[] };
export type BriefBundle = Omit<ExchangeFile, 'actions'> & { actions: BundleAction[] };

/**
 * The records a brief refers to, in the exchange format: its Actions and the Actions its lessons
 * were learned on, its lessons, its experts (never hidden ones) and the deployments between them.
 */
export function briefBundle(db: Db, stores: Stores, brief: Brief): BriefBundle {
  const actionIds = [...new Set([...brief.actions.map((a) => a.id), ...brief.lessons.flatMap((l) => l.actions.map((a) => a.id))])];
  const inBundle = new Set(actionIds);
  const experts = brief.experts.map((x) => stores.expert.get(x.id)).filter((x) => !isHidden(x));
  const deployments = deploymentIdsBetween(
    db,
    experts.map((x) => x.id as string),
    actionIds,
  ).map((id) => {
    const { expertName: _n, actionCode: _c, actionTitle: _t, ...d } = stores.deployment.get(id);
    return d;
  });
  return {
    format: 'mieux-kb',
    version: 1,
    exportedAt: new Date().toISOString(),
    actions: actionIds.map((id) => {
      const { regions: _regions, relatedActions, ...action } = stores.action.get(id);
      // Importing replaces a list it is given: a relation to an Action outside the bundle would
      // be rejected, and a shortened list would erase the receiver's own relations, so the key
      // travels only when every related Action travels too.
      return (relatedActions as string[]).every((r) => inBundle.has(r)) ? { ...action, relatedActions } : action;
    }),
    lessons: brief.lessons.map((l) => stores.lesson.get(l.id)),
    experts,
    deployments,
  };
}

const slug = (brief: Brief) => [brief.request.action?.code ?? '', ...brief.request.countries].filter(Boolean).join('-').replace(/[^\p{L}\p{N}-]+/gu, '-') || 'request';

export function exportBrief(db: Db, stores: Stores, ref: Reference, brief: Brief, format: 'html' | 'bundle', lang: Lang): BriefExport {
  const day = brief.generatedAt.slice(0, 10);
  if (format === 'html') {
    return {
      format,
      fileName: `brief-${slug(brief)}-${day}.html`,
      mimeType: 'text/html',
      content: briefHtml(brief, ref, lang),
      counts: { actions: brief.actions.length, lessons: brief.lessons.length, experts: brief.experts.length, deployments: 0 },
    };
  }
  const bundle = briefBundle(db, stores, brief);
  return {
    format,
    fileName: `brief-${slug(brief)}-${day}.mieux-kb.json`,
    mimeType: 'application/json',
    content: JSON.stringify(bundle, null, 2) + '\n',
    counts: { actions: bundle.actions.length, lessons: bundle.lessons.length, experts: bundle.experts.length, deployments: bundle.deployments.length },
  };
}
