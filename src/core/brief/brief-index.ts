// The brief's candidates, in memory. A brief scores thousands of records for a few dozen shown,
// and the officer adjusts it (pins, removals) many times in a row: reading the same facts from
// SQLite for every brief cost most of its time at 100,000 records. The facts are read once
// (loadBriefRecords) and kept until the database changes: by this connection (total_changes) or
// by another one (data_version). Long texts stay in the database.
import type { Db } from '../db/open';
import { isHidden } from '../experts/experts.service';
import { stmt } from '../db/sql';
import { loadBriefRecords, type ActionCandidate, type DeploymentFact, type ExpertCandidate, type LessonCandidate } from './brief.repo';

function groupBy<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    for (const k of keysOf(item)) {
      const list = out.get(k);
      if (list) list.push(item);
      else out.set(k, [item]);
    }
  }
  return out;
}

/** The records of these keys in a grouping, each once, in first-seen order. */
function union<T extends { id: string }>(into: Map<string, T>, groups: Map<string, T[]>, keys: readonly string[]): void {
  for (const k of keys) for (const item of groups.get(k) ?? []) into.set(item.id, item);
}

interface Maps {
  actions: Map<string, ActionCandidate>;
  actionsByTopic: Map<string, ActionCandidate[]>;
  actionsByCountry: Map<string, ActionCandidate[]>;
  lessons: Map<string, LessonCandidate>;
  lessonsByTopic: Map<string, LessonCandidate[]>;
  lessonsByCountry: Map<string, LessonCandidate[]>;
  lessonsByAction: Map<string, LessonCandidate[]>;
  experts: Map<string, ExpertCandidate>;
  expertsByTopic: Map<string, ExpertCandidate[]>;
  /** Newest first, as loaded. */
  deploymentsByExpert: Map<string, DeploymentFact[]>;
  deploymentsByCountry: Map<string, DeploymentFact[]>;
}

/** Never proposed: hidden from every list (restricted, consent withdrawn), or archived. */
export const notProposed = (e: ExpertCandidate): boolean =>
  isHidden({ restricted: e.restricted, consent: { givenOn: null, basis: null, noticeVersion: null, withdrawnOn: e.withdrawnOn } }) || e.rosterStatus === 'archived';

export class BriefIndex {
  private version = '';
  private loaded: BriefRecords | null = null;

  constructor(private readonly db: Db) {}

  /** The records as of the database now: reloaded when anything was written since the last brief. */
  current(): BriefRecords {
    const version = `${this.db.pragma('data_version', { simple: true })}:${stmt(this.db, 'SELECT total_changes()').pluck().get()}`;
    if (!this.loaded || version !== this.version) {
      const r = loadBriefRecords(this.db);
      this.loaded = new BriefRecords({
        actions: new Map(r.actions.map((a) => [a.id, a])),
        actionsByTopic: groupBy(r.actions, (a) => a.topics),
        actionsByCountry: groupBy(r.actions, (a) => a.countries),
        lessons: new Map(r.lessons.map((l) => [l.id, l])),
        lessonsByTopic: groupBy(r.lessons, (l) => l.topics),
        lessonsByCountry: groupBy(r.lessons, (l) => l.countries),
        lessonsByAction: groupBy(r.lessons, (l) => l.actions),
        experts: new Map(r.experts.map((e) => [e.id, e])),
        expertsByTopic: groupBy(r.experts, (e) => e.topics),
        deploymentsByExpert: groupBy(r.deployments, (d) => [d.expertId]),
        deploymentsByCountry: groupBy(r.deployments, (d) => d.countries),
      });
      this.version = version;
    }
    return this.loaded;
  }
}

/** One loaded state of the records, with the candidate queries of a brief. */
export class BriefRecords {
  private readonly scopes = new Map<string, { topics: string[]; countries: string[] }>();

  constructor(private readonly x: Maps) {}

  /** A lesson's topics and countries: its own, else those of its Actions. */
  scopeOf(l: LessonCandidate): { topics: string[]; countries: string[] } {
    let scope = this.scopes.get(l.id);
    if (!scope) {
      const inherited = (key: 'topics' | 'countries') => [...new Set(l.actions.flatMap((id) => this.x.actions.get(id)?.[key] ?? []))];
      scope = { topics: l.topics.length ? l.topics : inherited('topics'), countries: l.countries.length ? l.countries : inherited('countries') };
      this.scopes.set(l.id, scope);
    }
    return scope;
  }

  /** Actions sharing a topic or a country, plus the given ids (text matches, pins). */
  actionCandidates(topics: readonly string[], countries: readonly string[], extra: readonly string[]): ActionCandidate[] {
    const x = this.x;
    const out = new Map<string, ActionCandidate>();
    union(out, x.actionsByTopic, topics);
    union(out, x.actionsByCountry, countries);
    for (const id of extra) {
      const a = x.actions.get(id);
      if (a) out.set(id, a);
    }
    return [...out.values()];
  }

  action(id: string): ActionCandidate | undefined {
    return this.x.actions.get(id);
  }

  /**
   * Lessons of these Actions, of any Action sharing a topic or a country, or with such a topic or
   * country of their own; plus the given ids (pins). Retired lessons are included only when given,
   * so the caller can report a pinned one as dropped.
   */
  lessonCandidates(actionIds: readonly string[], topics: readonly string[], countries: readonly string[], extra: readonly string[]): LessonCandidate[] {
    const x = this.x;
    const actions = new Set(actionIds);
    for (const a of this.actionCandidates(topics, countries, [])) actions.add(a.id);
    const out = new Map<string, LessonCandidate>();
    union(out, x.lessonsByAction, [...actions]);
    union(out, x.lessonsByTopic, topics);
    union(out, x.lessonsByCountry, countries);
    for (const [id, l] of out) if (l.reviewStatus === 'retired') out.delete(id);
    for (const id of extra) {
      const l = x.lessons.get(id);
      if (l) out.set(id, l);
    }
    return [...out.values()];
  }

  /**
   * Experts with one of these topics, or deployed on an Action in these countries, plus the given
   * ids (pins). Hidden experts (restricted, consent withdrawn) and archived ones are left out
   * unless given, so the caller can report a pinned one as dropped, and drops them again itself.
   */
  expertCandidates(topics: readonly string[], countries: readonly string[], extra: readonly string[]): ExpertCandidate[] {
    const x = this.x;
    const out = new Map<string, ExpertCandidate>();
    union(out, x.expertsByTopic, topics);
    for (const c of countries) {
      for (const d of x.deploymentsByCountry.get(c) ?? []) {
        const e = x.experts.get(d.expertId);
        if (e) out.set(e.id, e);
      }
    }
    for (const [id, e] of out) if (notProposed(e)) out.delete(id);
    for (const id of extra) {
      const e = x.experts.get(id);
      if (e) out.set(id, e);
    }
    return [...out.values()];
  }

  /** Every deployment of this expert, newest first, with the partner countries of its Action. */
  deploymentsOf(expertId: string): DeploymentFact[] {
    return this.x.deploymentsByExpert.get(expertId) ?? [];
  }
}
