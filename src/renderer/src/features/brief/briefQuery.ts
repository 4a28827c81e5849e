// The whole brief — the request, the pins and the removals — lives in the address
// (#/brief?country=CI&topic=MD-DIASPORA&pin=experts:ID…): Back returns to it, a reload keeps it,
// and the address can be sent to a colleague.
import type { BriefList, MethodInput } from '../../../../shared/api';
import { href } from '../../app/router';

export const BRIEF_LISTS = ['actions', 'lessons', 'experts'] as const satisfies readonly BriefList[];
type IdLists = Record<BriefList, string[]>;

/** The request as the form edits it: empty strings and lists mean "not given". */
export interface BriefRequestFields {
  countries: string[];
  domain: string;
  topics: string[];
  text: string;
  from: string;
  to: string;
  languageLevel: string;
}

export interface BriefQuery extends BriefRequestFields {
  actionId: string;
  pinned: IdLists;
  removed: IdLists;
}

export const DEFAULT_LEVEL = 'B2';

const ids = (params: URLSearchParams, key: string): IdLists => {
  const out: IdLists = { actions: [], lessons: [], experts: [] };
  for (const v of params.getAll(key)) {
    const [list, id] = v.split(':', 2);
    if (id && (BRIEF_LISTS as readonly string[]).includes(list!)) out[list as BriefList].push(id);
  }
  return out;
};

export function parseBriefQuery(params: URLSearchParams): BriefQuery {
  return {
    actionId: params.get('actionId') ?? '',
    countries: params.getAll('country'),
    domain: params.get('domain') ?? '',
    topics: params.getAll('topic'),
    text: params.get('text') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    languageLevel: params.get('level') ?? DEFAULT_LEVEL,
    pinned: ids(params, 'pin'),
    removed: ids(params, 'remove'),
  };
}

const flat = (lists: IdLists) => BRIEF_LISTS.flatMap((l) => lists[l].map((id) => `${l}:${id}`));

export function briefHref(q: BriefQuery): string {
  return href('/brief', {
    actionId: q.actionId,
    country: q.countries,
    domain: q.domain,
    topic: q.topics,
    text: q.text,
    from: q.from,
    to: q.to,
    level: q.languageLevel === DEFAULT_LEVEL ? '' : q.languageLevel,
    pin: flat(q.pinned),
    remove: flat(q.removed),
  });
}

/** What the officer asked for, without the adjustments: the form starts afresh when it changes. */
export function requestKey(q: BriefQuery): string {
  return briefHref({ ...q, pinned: { actions: [], lessons: [], experts: [] }, removed: { actions: [], lessons: [], experts: [] } });
}

export function hasRequest(q: BriefRequestFields & { actionId: string }): boolean {
  return Boolean(q.actionId || q.countries.length || q.domain || q.topics.length || q.text.trim());
}

/** The draft as the contract takes it; the form checks it with the contract's own schema before it goes. */
export function draftOf(f: BriefRequestFields) {
  return { countries: f.countries, domain: f.domain || null, topics: f.topics, text: f.text.trim(), from: f.from.trim() || null, to: f.to.trim() || null };
}

export function prepareInput(q: BriefQuery): MethodInput<'prepareBrief'> {
  // Codes come from the address as plain text: the core parses them with the contract's schema
  // and answers INVALID (shown on the page) for a hand-edited address it cannot use.
  return { ...(q.actionId ? { actionId: q.actionId } : {}), draft: draftOf(q), pinned: q.pinned, removed: q.removed, languageLevel: q.languageLevel } as MethodInput<'prepareBrief'>;
}

const without = (list: string[], id: string) => list.filter((x) => x !== id);
const change = (lists: IdLists, list: BriefList, f: (ids: string[]) => string[]): IdLists => ({ ...lists, [list]: f(lists[list]) });

export function togglePin(q: BriefQuery, list: BriefList, id: string): BriefQuery {
  return { ...q, pinned: change(q.pinned, list, (p) => (p.includes(id) ? without(p, id) : [...p, id])) };
}

/** A removed suggestion is unpinned too: removal wins over a pin in the core anyway. */
export function removeItem(q: BriefQuery, list: BriefList, id: string): BriefQuery {
  return { ...q, pinned: change(q.pinned, list, (p) => without(p, id)), removed: change(q.removed, list, (r) => [...without(r, id), id]) };
}

export function undoRemove(q: BriefQuery, list: BriefList, id: string): BriefQuery {
  return { ...q, removed: change(q.removed, list, (r) => without(r, id)) };
}

export function unpinAll(q: BriefQuery, dropped: IdLists): BriefQuery {
  return { ...q, pinned: { actions: q.pinned.actions.filter((id) => !dropped.actions.includes(id)), lessons: q.pinned.lessons.filter((id) => !dropped.lessons.includes(id)), experts: q.pinned.experts.filter((id) => !dropped.experts.includes(id)) } };
}
