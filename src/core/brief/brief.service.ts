// The preparation brief: for a new request (or an existing Action), the past Actions most like it,
// the lessons that apply and a shortlist of experts, every score explained factor by factor.
// Scores are sums of `value × weight` (weights in weights.ts); values are between 0 and 1.
import type {
  Brief,
  BriefAction,
  BriefDeployment,
  BriefExpert,
  BriefFactor,
  BriefLesson,
  BriefRequest,
  BriefWeights,
  ParsedInput,
} from '../../shared/api';
import { levelRank } from '../experts/experts.repo';
import { readAction } from '../actions/actions.service';
import type { SearchContext } from '../search/search.service';
import { invalidFailure, notFound } from '../util/errors';
import { notProposed, type BriefIndex, type BriefRecords } from './brief-index';
import { actionSummaries, lessonTexts, type ActionCandidate, type DeploymentFact, type ExpertCandidate, type LessonCandidate } from './brief.repo';
import { COUNTRY_LANGUAGES, workingLanguages } from './country-languages';
import { textSimilarity } from './text-similarity';
import { weightsFor } from './weights';

type Input = ParsedInput<'prepareBrief'>;

/** Years after which an Action or a lesson counts as old (recency 0). */
const RECENCY_YEARS = 15;
/** "recent" in a reason: within the last 5 years. */
const RECENT_VALUE = 1 - 5 / RECENCY_YEARS;
/** Years after which an expert profile counts as stale (freshness 0); within a year it is fresh (1). */
const STALE_YEARS = 5;
/** Deployments within this many years count fully for regional experience, older ones half. */
const RECENT_DEPLOYMENT_YEARS = 5;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/** Dates repeat across thousands of candidates (and there are only so many days). */
const years = new Map<string, number>();

/** A partial date as a fractional year: "2021-07" → 2021.5. */
function yearOf(date: string | null | undefined): number | null {
  if (!date) return null;
  let year = years.get(date);
  if (year === undefined) {
    const [y, m, d] = date.split('-').map(Number);
    year = y! + ((m ?? 1) - 1) / 12 + ((d ?? 1) - 1) / 365;
    years.set(date, year);
  }
  return year;
}

/** The first and last day a partial date covers, as comparable strings. */
const firstDay = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
const lastDay = (d: string) => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);

/**
 * A factor whose explanation is written only if the item is shown: thousands of candidates are
 * scored for a few dozen shown, and writing every detail cost more than the scoring.
 */
type Term = Omit<BriefFactor, 'detail'> & { detail: () => string };

function factor(name: string, value: number, weight: number, detail: () => string): Term {
  const v = round(clamp01(value), 3);
  return { factor: name, value: v, weight, points: round(v * weight, 2), detail };
}

const explain = (terms: Term[]): BriefFactor[] => terms.map((t) => ({ ...t, detail: t.detail() }));

const total = (factors: { points: number }[]) => round(factors.reduce((s, f) => s + f.points, 0), 1);

/**
 * A scored candidate. Thousands are scored for a dozen shown, so the item itself (display fields,
 * reasons) is only built for the shown ones.
 */
interface Scored<T, K> {
  id: string;
  score: number;
  eligible: boolean;
  /** What ties are broken on. */
  key: K;
  build: () => T;
}

/** Pinned first (best first among them), then the best of the rest up to the limit; removed never. */
function arrange<T extends { pinned: boolean }, K>(scored: Scored<T, K>[], pinned: string[], removed: string[], limit: number, tieBreak: (a: K, b: K) => number): T[] {
  const out = new Set(removed);
  const pins = new Set(pinned.filter((id) => !out.has(id)));
  const byScore = (a: Scored<T, K>, b: Scored<T, K>) => b.score - a.score || tieBreak(a.key, b.key);
  const kept = scored.filter((s) => !out.has(s.id));
  const first = kept.filter((s) => pins.has(s.id)).sort(byScore);
  const rest = kept.filter((s) => !pins.has(s.id) && s.eligible).sort(byScore);
  return [...first, ...rest.slice(0, Math.max(0, limit - first.length))].map((s) => ({ ...s.build(), pinned: pins.has(s.id) }));
}

/** Scores are rounded to one decimal: a bound this much below a score may still tie with it. */
const BOUND_MARGIN = 0.1;

/**
 * Scores the candidates with the best bounds first and stops when none left can enter the list:
 * the list is then what scoring every candidate would give, for a fraction of the work when
 * thousands share a topic. Pinned candidates are always scored; removed ones never.
 */
function scoreBestFirst<C extends { id: string }, T, K>(candidates: C[], bound: (c: C) => number, score: (c: C) => Scored<T, K>, pinned: string[], removed: string[], limit: number): Scored<T, K>[] {
  const pins = new Set(pinned);
  const out = new Set(removed);
  const scored = candidates.filter((c) => pins.has(c.id)).map(score);
  const rest = candidates
    .filter((c) => !pins.has(c.id) && !out.has(c.id))
    .map((c) => ({ c, bound: bound(c) }))
    .sort((a, b) => b.bound - a.bound);
  // The best eligible scores so far, best first, `limit` of them at most.
  const best: number[] = [];
  for (const { c, bound: b } of rest) {
    if (best.length >= limit && b + BOUND_MARGIN < best[best.length - 1]!) break;
    const s = score(c);
    scored.push(s);
    if (!s.eligible) continue;
    const at = best.findIndex((x) => x < s.score);
    best.splice(at < 0 ? best.length : at, 0, s.score);
    if (best.length > limit) best.pop();
  }
  return scored;
}

function withReasons<T>(base: T, terms: Term[], reasons: [number, string][]): T & { factors: BriefFactor[]; reasons: string[]; reason: string; score: number } {
  const ordered = reasons.filter(([points]) => points > 0).sort((a, b) => b[0] - a[0]).map(([, r]) => r);
  return { ...base, factors: explain(terms), reasons: ordered, reason: ordered.join(', '), score: total(terms) };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const newerFirst = (a: { startDate?: string | null }, b: { startDate?: string | null }) => compareText(b.startDate ?? '', a.startDate ?? '');

export interface BriefContext {
  search: SearchContext;
  index: BriefIndex;
}

/** The request the brief answers: the draft, else the Action, with the draft's non-empty fields winning. */
function resolveRequest(ctx: BriefContext, input: Input): Omit<BriefRequest, 'textTerms'> & { excludeAction: string | null } {
  const { ref, db } = ctx.search;
  const draft = input.draft;
  let base = { countries: [] as string[], domain: null as string | null, topics: [] as string[], text: '', from: null as string | null, to: null as string | null };
  let action: { id: string; code: string } | null = null;
  if (input.actionId) {
    const a = readAction(db, ref, input.actionId);
    if (!a) throw notFound('action', input.actionId);
    action = { id: a.id, code: a.code };
    base = {
      countries: a.countries,
      domain: a.domain,
      topics: a.topics,
      text: [a.titleEn ?? a.titleFr, a.summary, a.objectives].filter(Boolean).join('\n'),
      from: a.startDate,
      to: a.endDate,
    };
  }
  const countries = [...new Set(draft?.countries.length ? draft.countries : base.countries)];
  const unknown = countries.filter((c) => !ref.countries.has(c));
  if (unknown.length) throw invalidFailure([{ path: 'draft.countries', message: `Unknown country code${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` }]);
  const regions = [...new Set(countries.flatMap((c) => ref.countryRegions.get(c)?.slice(0, 1) ?? []))];
  return {
    action,
    excludeAction: action?.id ?? null,
    countries,
    regions,
    domain: draft?.domain ?? base.domain,
    topics: [...new Set(draft?.topics.length ? draft.topics : base.topics)],
    text: draft?.text.trim() ? draft.text.trim() : base.text,
    from: draft?.from ?? base.from,
    to: draft?.to ?? base.to,
    languages: countries.map((c) => ({ country: c, official: COUNTRY_LANGUAGES[c]?.official ?? [], working: COUNTRY_LANGUAGES[c]?.working ?? [] })),
    languageLevel: input.languageLevel,
    asOf: input.asOf ?? new Date().toISOString().slice(0, 10),
  };
}

export function prepareBrief(ctx: BriefContext, input: Input): Brief {
  const weights = weightsFor(input.weights);
  const req0 = resolveRequest(ctx, input);
  const text = req0.text ? textSimilarity(ctx.search, req0.text) : { terms: [], scores: new Map<string, number>() };
  const { excludeAction, ...request } = { ...req0, textTerms: text.terms };
  const dropped = { actions: [] as string[], lessons: [] as string[], experts: [] as string[] };

  const records = ctx.index.current();
  const actions = similarActions(ctx, records, request, excludeAction, text.scores, weights, input, dropped);
  const lessons = applicableLessons(ctx, records, request, actions, weights, input, dropped);
  const experts = expertShortlist(ctx, records, request, weights, input, dropped);
  return { request, actions, lessons, experts, weights, dropped, generatedAt: new Date().toISOString() };
}

// ---------- Similar Actions ----------

/** The MIEUX+ regions of a record's countries; the lists are the index's own, so each is worked out once. */
const regionSets = new WeakMap<string[], Set<string>>();
function regionsOf(ctx: BriefContext, countries: string[]): Set<string> {
  let regions = regionSets.get(countries);
  if (!regions) regionSets.set(countries, (regions = new Set(countries.flatMap((c) => ctx.search.ref.countryRegions.get(c)?.slice(0, 1) ?? []))));
  return regions;
}

function placeFactor(ctx: BriefContext, request: BriefRequest, countries: string[], givenRegion: string | null, weight: number): { f: Term; reason: () => string; sameCountry: boolean } {
  const shared = countries.filter((c) => request.countries.includes(c));
  if (shared.length) return { f: factor('place', 1, weight, () => `same country ${shared.join(', ')}`), reason: () => `same country ${shared.join(', ')}`, sameCountry: true };
  const regions = regionsOf(ctx, countries);
  // A regional Action given a wider region (Africa) covers every sub-region of it.
  const given = givenRegion ? [givenRegion] : [];
  const sharedRegions = request.regions.filter((r) => regions.has(r) || given.includes(r) || given.includes(ctx.search.ref.regionParents.get(r) ?? ''));
  if (sharedRegions.length) return { f: factor('place', 0.5, weight, () => `same region ${sharedRegions.join(', ')}`), reason: () => `same region ${sharedRegions.join(', ')}`, sameCountry: false };
  return { f: factor('place', 0, weight, () => request.countries.length ? 'another country and region' : 'no partner country in the request'), reason: () => '', sameCountry: false };
}

function recencyFactor(date: string | null, asOf: string, weight: number, what: string): Term {
  const year = yearOf(date);
  if (year === null) return factor('recency', 0, weight, () => `no ${what} date`);
  const age = Math.max(0, (yearOf(asOf) ?? year) - year);
  return factor('recency', 1 - age / RECENCY_YEARS, weight, () => `${what} ${date} (${Math.floor(age)} years ago)`);
}

function topicFactor(request: BriefRequest, topics: string[], weight: number): { f: Term; shared: string[] } {
  const shared = request.topics.filter((t) => topics.includes(t));
  if (!request.topics.length) return { f: factor('topic', 0, weight, () => 'no topic in the request'), shared };
  return { f: factor('topic', shared.length / request.topics.length, weight, () => shared.length ? `shares ${shared.join(', ')} (${shared.length} of ${request.topics.length})` : 'no requested topic'), shared };
}

const sameTopicReason = (shared: string[]) => `same topic${shared.length > 1 ? 's' : ''} ${shared.join(', ')}`;

function similarActions(
  ctx: BriefContext,
  records: BriefRecords,
  request: BriefRequest,
  exclude: string | null,
  text: Map<string, number>,
  weights: BriefWeights,
  input: Input,
  dropped: Brief['dropped'],
): BriefAction[] {
  const w = weights.actions;
  const pinned = input.pinned.actions;
  const rows = records.actionCandidates(request.topics, request.countries, [...text.keys(), ...pinned]).filter((a) => a.id !== exclude);
  const found = new Set(rows.map((r) => r.id));
  dropped.actions.push(...pinned.filter((id) => !found.has(id)));
  const scored = rows.map((a): Scored<BriefAction, ActionCandidate> => {
    const topic = topicFactor(request, a.topics, w.topic);
    const sim = text.get(a.id) ?? 0;
    const textF = factor('text', sim, w.text, () => request.text ? (sim > 0 ? `text similarity ${round(sim, 2)} (1 = best match)` : 'no match of the description') : 'no description in the request');
    const place = placeFactor(ctx, request, a.countries, a.region, w.place);
    const recency = recencyFactor(a.endDate ?? a.startDate, request.asOf, w.recency, a.endDate ? 'ended' : 'started');
    const sameDomain = request.domain !== null && a.domain === request.domain;
    const domain = factor('domain', sameDomain ? 1 : 0, w.domain, () => sameDomain ? `same domain ${a.domain}` : `domain ${a.domain}`);
    const factors = [topic.f, textF, place.f, recency, domain];
    const year = (a.endDate ?? a.startDate)?.slice(0, 4);
    const build = () =>
      withReasons(toBriefAction(ctx, a), factors, [
        [topic.f.points, topic.shared.length ? sameTopicReason(topic.shared) : ''],
        [textF.points, 'similar description'],
        [place.f.points, place.reason()],
        [recency.value >= RECENT_VALUE ? recency.points : 0, `recent (${year})`],
        [topic.shared.length ? 0 : domain.points, `same domain ${a.domain}`],
      ]);
    return { id: a.id, key: a, build, score: total(factors), eligible: topic.shared.length > 0 || sim > 0 || place.sameCountry };
  });
  const shown = arrange(scored, pinned, input.removed.actions, input.limits.actions, (a, b) => newerFirst(a, b) || compareText(a.code, b.code));
  const summaries = actionSummaries(ctx.search.db, shown.map((a) => a.id));
  return shown.map((a) => ({ ...a, summary: summaries.get(a.id) ?? null }));
}

function toBriefAction(ctx: BriefContext, a: ActionCandidate): Omit<BriefAction, 'score' | 'reasons' | 'reason' | 'factors'> {
  const regions = [...new Set([...a.countries.flatMap((c) => ctx.search.ref.countryRegions.get(c) ?? []), ...(a.region ? [a.region] : [])])];
  return {
    id: a.id,
    code: a.code,
    title: a.titleEn ?? a.titleFr ?? a.code,
    titleEn: a.titleEn,
    titleFr: a.titleFr,
    status: a.status,
    startDate: a.startDate,
    endDate: a.endDate,
    domain: a.domain,
    // Copies: the candidate's lists belong to the shared in-memory index.
    topics: [...a.topics],
    countries: [...a.countries],
    regions,
    summary: null,
    pinned: false,
  };
}

// ---------- Applicable lessons ----------

const KIND: Record<string, [number, string]> = { problem: [1, 'problem'], good_practice: [0.5, 'good practice'], success: [0.2, 'success'] };
const REVIEW: Record<string, number> = { validated: 1, reviewed: 0.6, draft: 0.2 };

/** How much a lesson's kind counts, and its name: problems first, then anything with a recommendation. */
function lessonKind(l: LessonCandidate): [number, string] {
  return l.polarity === 'problem' ? KIND.problem! : l.hasRecommendation ? [0.6, 'recommendation'] : (KIND[l.polarity] ?? [0, l.polarity]);
}

function applicableLessons(ctx: BriefContext, records: BriefRecords, request: BriefRequest, similar: BriefAction[], weights: BriefWeights, input: Input, dropped: Brief['dropped']): BriefLesson[] {
  const w = weights.lessons;
  const pinned = input.pinned.lessons;
  const similarIds = new Set(similar.map((a) => a.id));
  const rows = records.lessonCandidates([...similarIds], request.topics, request.countries, pinned);
  const found = new Set(rows.filter((l) => l.reviewStatus !== 'retired').map((l) => l.id));
  dropped.lessons.push(...pinned.filter((id) => !found.has(id)));
  const live = rows.filter((l) => l.reviewStatus !== 'retired');

  // At most what a lesson can score: everything as it is but recency, at its full weight.
  const bound = (l: LessonCandidate) => {
    const { topics, countries } = records.scopeOf(l);
    return (
      topicFactor(request, topics, w.topic).f.points +
      placeFactor(ctx, request, countries, null, w.place).f.points +
      w.recency +
      w.kind * lessonKind(l)[0] +
      w.review * (REVIEW[l.reviewStatus] ?? 0) +
      (l.actions.some((id) => similarIds.has(id)) ? w.similarAction : 0)
    );
  };
  const score = (l: LessonCandidate): Scored<BriefLesson, LessonCandidate> => {
    const { topics, countries } = records.scopeOf(l);
    const topic = topicFactor(request, topics, w.topic);
    const place = placeFactor(ctx, request, countries, null, w.place);
    const fromSimilar = l.actions.filter((id) => similarIds.has(id)).map((id) => records.action(id)?.code ?? id);
    const similarF = factor('similarAction', fromSimilar.length ? 1 : 0, w.similarAction, () => fromSimilar.length ? `learned on ${fromSimilar.join(', ')}` : 'not from a similar Action of this brief');
    const [kindValue, kindLabel] = lessonKind(l);
    const kind = factor('kind', kindValue, w.kind, () => l.polarity === 'problem' && l.hasRecommendation ? 'problem, with a recommendation' : kindLabel);
    const review = factor('review', REVIEW[l.reviewStatus] ?? 0, w.review, () => l.reviewStatus);
    const recency = recencyFactor(l.recordedOn, request.asOf, w.recency, 'recorded');
    const factors = [topic.f, place.f, similarF, kind, review, recency];
    const build = () =>
      withReasons(toBriefLesson(l, topics, countries, records), factors, [
        [topic.f.points, topic.shared.length ? sameTopicReason(topic.shared) : ''],
        [place.f.points, place.reason()],
        [similarF.points, `from ${fromSimilar.join(', ')}`],
        [kind.points, kindLabel],
        [review.value === 1 ? review.points : 0, 'validated'],
      ]);
    return { id: l.id, key: l, build, score: total(factors), eligible: topic.shared.length > 0 || place.sameCountry || fromSimilar.length > 0 };
  };
  const scored = scoreBestFirst(live, bound, score, pinned, input.removed.lessons, input.limits.lessons);
  const shown = arrange(scored, pinned, input.removed.lessons, input.limits.lessons, (a, b) => compareText(b.recordedOn ?? '', a.recordedOn ?? '') || compareText(a.title, b.title) || compareText(a.id, b.id));
  const texts = lessonTexts(ctx.search.db, shown.map((l) => l.id));
  return shown.map((l) => ({ ...l, ...texts.get(l.id) }));
}

function toBriefLesson(l: LessonCandidate, topics: string[], countries: string[], records: BriefRecords): Omit<BriefLesson, 'score' | 'reasons' | 'reason' | 'factors'> {
  return {
    id: l.id,
    title: l.title,
    polarity: l.polarity,
    reviewStatus: l.reviewStatus,
    stage: l.stage,
    evidence: l.evidence,
    language: l.language,
    recordedOn: l.recordedOn,
    lesson: null,
    recommendation: null,
    topics: [...topics],
    countries: [...countries],
    actions: l.actions.map((id) => ({ id, code: records.action(id)?.code ?? id })),
    pinned: false,
  };
}

// ---------- Expert shortlist ----------

const AVAILABILITY: Record<string, number> = { available: 1, limited: 0.5, unavailable: 0 };

function expertShortlist(ctx: BriefContext, records: BriefRecords, request: BriefRequest, weights: BriefWeights, input: Input, dropped: Brief['dropped']): BriefExpert[] {
  const w = weights.experts;
  const pinned = input.pinned.experts;
  // Without requested topics, an expert of the request's domain is a topic match.
  const topicsWanted = request.topics.length ? request.topics : request.domain ? ctx.search.ref.reference.topics.filter((t) => t.domain === request.domain).map((t) => t.code) : [];
  const rows = records.expertCandidates(topicsWanted, request.countries, pinned);
  // Pinned experts come back whatever they are: the ones never proposed are reported as dropped.
  const visible = rows.filter((e) => !notProposed(e));
  const found = new Set(visible.map((e) => e.id));
  dropped.experts.push(...pinned.filter((id) => !found.has(id)));

  const known: WorkingLanguages = request.countries.map((country) => ({ country, languages: workingLanguages(country) })).filter((k) => k.languages.length > 0);
  // At most what an expert can score: topic, language and freshness as they are, availability as
  // declared, and the full weight of what needs deployments when the expert has any.
  const bound = (e: ExpertCandidate) =>
    expertTopic(request, e, w.topic).f.points +
    languageFactor(request, known, e, w.language).f.points +
    freshnessFactor(request, e, w.freshness).points +
    w.availability * (AVAILABILITY[e.availability] ?? 0) +
    (records.deploymentsOf(e.id).length ? w.region + w.rating : 0);
  const score = (e: ExpertCandidate): Scored<BriefExpert, ExpertCandidate> => {
    const topic = expertTopic(request, e, w.topic);
    const language = languageFactor(request, known, e, w.language);
    const mine = records.deploymentsOf(e.id);
    const availability = availabilityFactor(request, e, mine, w.availability);
    const freshness = freshnessFactor(request, e, w.freshness);
    const regional = regionalDeployments(ctx, request, mine);
    const region = regionFactor(request, regional, w.region);
    const rated = regional.filter((d) => d.rating !== null);
    const mean = rated.length ? rated.reduce((s, d) => s + d.rating!, 0) / rated.length : 0;
    const rating = factor('rating', rated.length ? (mean - 1) / 4 : 0, w.rating, () => rated.length ? `rated ${round(mean, 1)}/5 on ${rated.length} deployment${rated.length > 1 ? 's' : ''} in the region` : 'no rated deployment in the region');
    const factors = [topic.f, language.f, availability.f, freshness, region.f, rating];
    const build = () =>
      withReasons(toBriefExpert(e, regional), factors, [
        [topic.f.points, topic.reason()],
        [language.f.points, language.reason()],
        [availability.f.points, availability.reason()],
        [region.f.points, region.reason()],
        [freshness.value >= 0.75 ? freshness.points : 0, `profile confirmed ${e.lastConfirmedOn}`],
        [rating.points, `rated ${round(mean, 1)}/5`],
      ]);
    return { id: e.id, key: e, build, score: total(factors), eligible: topic.f.value > 0 || region.f.value > 0 };
  };
  const scored = scoreBestFirst(visible, bound, score, pinned, input.removed.experts, input.limits.experts);
  return arrange(scored, pinned, input.removed.experts, input.limits.experts, (a, b) => compareText(a.familyName, b.familyName) || compareText(a.id, b.id));
}

function expertTopic(request: BriefRequest, e: ExpertCandidate, weight: number): { f: Term; reason: () => string } {
  if (request.topics.length) {
    const shared = request.topics.filter((t) => e.topics.includes(t));
    if (shared.length) return { f: factor('topic', shared.length / request.topics.length, weight, () => `works on ${shared.join(', ')} (${shared.length} of ${request.topics.length})`), reason: () => `topic ${shared.join(', ')}` };
    const domains = new Set(request.topics.map((t) => t.split('-')[0]));
    const near = e.topics.filter((t) => domains.has(t.split('-')[0]!));
    // Same domain, other topic: some relevance, well below a real match.
    if (near.length) return { f: factor('topic', 0.25, weight, () => `related topic ${near.join(', ')}`), reason: () => `related topic ${near.join(', ')}` };
    return { f: factor('topic', 0, weight, () => 'no requested topic'), reason: () => '' };
  }
  if (request.domain) {
    const near = e.topics.filter((t) => t.startsWith(`${request.domain}-`));
    return near.length
      ? { f: factor('topic', 1, weight, () => `works in domain ${request.domain} (${near.join(', ')})`), reason: () => `domain ${request.domain}` }
      : { f: factor('topic', 0, weight, () => `no topic in domain ${request.domain}`), reason: () => '' };
  }
  return { f: factor('topic', 0, weight, () => 'no topic or domain in the request'), reason: () => '' };
}

/** The partner countries with known working languages, and those languages: the same for every expert of a brief. */
type WorkingLanguages = { country: string; languages: string[] }[];

function languageFactor(request: BriefRequest, known: WorkingLanguages, e: ExpertCandidate, weight: number): { f: Term; reason: () => string } {
  if (!known.length) return { f: factor('language', 0, weight, () => (request.countries.length ? `no language data for ${request.countries.join(', ')}` : 'no partner country in the request')), reason: () => '' };
  const needed = levelRank(request.languageLevel);
  const best = known.map(({ languages }) => {
    let top: { code: string; level: string } | undefined;
    for (const l of e.languages) if (languages.includes(l.code) && (!top || levelRank(l.level) > levelRank(top.level))) top = l;
    return top;
  });
  const covered = best.filter((b): b is { code: string; level: string } => b !== undefined && levelRank(b.level) >= needed);
  const detail = () =>
    known
      .map(({ country, languages }, i) => {
        const b = best[i];
        if (!b) return `${country}: none of ${languages.join(', ')}`;
        return levelRank(b.level) >= needed ? `${country}: ${b.code} ${b.level}` : `${country}: ${b.code} ${b.level} is below ${request.languageLevel}`;
      })
      .join('; ');
  return { f: factor('language', covered.length / known.length, weight, detail), reason: () => covered.length ? `speaks ${[...new Set(covered.map((b) => `${b.code} ${b.level}`))].join(', ')}` : '' };
}

function overlaps(d: DeploymentFact, from: string, to: string): boolean {
  const start = d.startDate ?? d.endDate;
  if (!start) return false;
  const end = d.endDate ?? start;
  return firstDay(start) <= lastDay(to) && firstDay(from) <= lastDay(end);
}

function availabilityFactor(request: BriefRequest, e: ExpertCandidate, deployments: DeploymentFact[], weight: number): { f: Term; reason: () => string } {
  const inactive = e.rosterStatus === 'inactive';
  const busy = request.from && deployments.length ? deployments.filter((d) => overlaps(d, request.from!, request.to ?? request.from!)) : [];
  // Already deployed then: possible (a mission is days, not months) but less likely.
  const value = (AVAILABILITY[e.availability] ?? 0) / (inactive ? 2 : 1) / (busy.length ? 2 : 1);
  const detail = () =>
    [
      e.availability + (e.availabilityNote ? ` (${e.availabilityNote})` : ''),
      ...(inactive ? ['inactive on the roster'] : []),
      ...(busy.length ? [`already deployed in the planned period (${busy.map((d) => `${d.actionCode} ${d.startDate ?? ''}`.trim()).join(', ')})`] : []),
    ].join('; ');
  return { f: factor('availability', value, weight, detail), reason: () => (value >= 1 ? 'available' : value > 0 ? `${e.availability}${busy.length ? ', busy then' : ''}` : '') };
}

function freshnessFactor(request: BriefRequest, e: ExpertCandidate, weight: number): Term {
  const year = yearOf(e.lastConfirmedOn);
  if (year === null) return factor('freshness', 0, weight, () => 'profile never confirmed');
  const age = Math.max(0, (yearOf(request.asOf) ?? year) - year);
  return factor('freshness', age <= 1 ? 1 : 1 - (age - 1) / (STALE_YEARS - 1), weight, () => `profile confirmed ${e.lastConfirmedOn} (${round(age, 1)} years ago)`);
}

type Regional = DeploymentFact & { sameCountry: boolean };

function regionalDeployments(ctx: BriefContext, request: BriefRequest, deployments: DeploymentFact[]): Regional[] {
  if (!deployments.length) return [];
  const out: Regional[] = [];
  for (const d of deployments) {
    const sameCountry = d.countries.some((c) => request.countries.includes(c));
    const sameRegion = d.countries.some((c) => request.regions.includes(ctx.search.ref.countryRegions.get(c)?.[0] ?? ''));
    if (sameCountry || sameRegion) out.push({ ...d, sameCountry });
  }
  return out;
}

function regionFactor(request: BriefRequest, regional: Regional[], weight: number): { f: Term; reason: () => string } {
  if (!regional.length) return { f: factor('region', 0, weight, () => request.countries.length ? 'no deployment in the partner country or its region' : 'no partner country in the request'), reason: () => '' };
  const asOf = yearOf(request.asOf) ?? 0;
  let value = 0;
  for (const d of regional) {
    const age = asOf - (yearOf(d.startDate) ?? 0);
    value += (d.sameCountry ? 0.6 : 0.4) * (age <= RECENT_DEPLOYMENT_YEARS ? 1 : 0.5);
  }
  const list = regional.map((d) => `${d.actionCode}${d.startDate ? ` ${d.startDate.slice(0, 4)}` : ''}`);
  const countryCount = regional.filter((d) => d.sameCountry).length;
  const where = countryCount ? `in ${request.countries.join(', ')}` : `in ${request.regions.join(', ')}`;
  return {
    f: factor('region', value, weight, () => `${regional.length} deployment${regional.length > 1 ? 's' : ''} (${countryCount} in the partner country): ${list.join(', ')}`),
    reason: () => `deployed ${where} (${list.slice(0, 2).join(', ')})`,
  };
}

function toBriefExpert(e: ExpertCandidate, regional: Regional[]): Omit<BriefExpert, 'score' | 'reasons' | 'reason' | 'factors'> {
  const regionDeployments: BriefDeployment[] = regional.map((d) => ({
    id: d.id,
    actionId: d.actionId,
    actionCode: d.actionCode,
    countries: d.countries,
    role: d.role,
    startDate: d.startDate,
    endDate: d.endDate,
    rating: d.rating,
  }));
  return {
    id: e.id,
    name: `${e.givenName} ${e.familyName}`,
    givenName: e.givenName,
    familyName: e.familyName,
    email: e.email,
    memberState: e.memberState,
    institution: e.institution,
    position: e.position,
    languages: e.languages.map((l) => ({ ...l })),
    topics: [...e.topics],
    availability: e.availability,
    availabilityNote: e.availabilityNote,
    lastConfirmedOn: e.lastConfirmedOn,
    regionDeployments,
    pinned: false,
  };
}
