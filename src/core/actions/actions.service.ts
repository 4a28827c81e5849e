// Actions: the entity definition for the shared write path, and the reads the contract exposes.
import { ACTION_DEFAULTS, ActionData, type Action } from '../../shared/schemas';
import type { Db } from '../db/open';
import { sameData, type EntityDef } from '../records/entity';
import { resolveRefs, unknownCodes } from '../records/refs';
import { regionsOf, type ReferenceIndex } from '../reference/reference.repo';
import { actionDoc, removeDoc, writeDoc } from '../search/indexer';
import { lessonIdsOfAction } from '../lessons/lessons.repo';
import { reindexLesson } from '../lessons/lessons.service';
import { actionExists, deleteActionRow, findActionIdsByCode, getActionRow, readActionLists, saveActionRow } from './actions.repo';

export function readAction(db: Db, ref: ReferenceIndex, id: string): Action | undefined {
  const r = getActionRow(db, id);
  if (!r) return undefined;
  const lists = readActionLists(db, id);
  return {
    id: r.id,
    code: r.code,
    aliases: lists.aliases,
    titleEn: r.title_en,
    titleFr: r.title_fr,
    language: r.language as Action['language'],
    status: r.status as Action['status'],
    startDate: r.start_date,
    endDate: r.end_date,
    domain: r.domain as Action['domain'],
    topics: lists.topics as Action['topics'],
    impactAxes: lists.impactAxes as Action['impactAxes'],
    countries: lists.countries,
    region: r.region as Action['region'],
    regions: regionsOf(ref, lists.countries, r.region),
    partners: lists.partners,
    expertCountries: lists.expertCountries,
    summary: r.summary,
    objectives: r.objectives,
    activities: r.activities,
    results: r.results,
    relatedActions: lists.relatedActions,
    publicUrl: r.public_url,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Writes the Action's own search document (not its lessons'); returns the Action. */
export function reindexAction(db: Db, ref: ReferenceIndex, id: string): Action | undefined {
  const a = readAction(db, ref, id);
  if (a) writeDoc(db, actionDoc(a, ref));
  return a;
}

/** What a lesson's search document takes from its Actions: only a change here re-indexes them. */
const pickLessonFacing = (a: Action) => [a.code, a.titleEn, a.titleFr, a.domain, a.topics, a.countries, a.regions];

/** An Action reference: its id, else its code, else one of its aliases. */
export function lookupAction(db: Db, ref: string): string[] {
  return actionExists(db, ref) ? [ref] : findActionIdsByCode(db, ref);
}

export function actionDef(ref: ReferenceIndex): EntityDef<ActionData, Action> {
  return {
    name: 'action',
    schema: ActionData,
    defaults: ACTION_DEFAULTS,
    naturalKeyOverridesId: true,
    read: (db, id) => readAction(db, ref, id),
    matchNatural: (db, data) => (data.code ? findActionIdsByCode(db, data.code) : []),
    resolve(db, data) {
      const issues: { path: string; message: string }[] = [];
      const relatedActions = resolveRefs(data.relatedActions, ['relatedActions'], 'Action', (r) => lookupAction(db, r), issues);
      return { data: { ...data, relatedActions }, issues };
    },
    checkCodes: (ref, a) => [
      ...unknownCodes(a.countries, ref.countries, ['countries'], 'country'),
      ...unknownCodes(a.expertCountries, ref.countries, ['expertCountries'], 'country'),
    ],
    save: saveActionRow,
    remove(db, id) {
      const lessons = lessonIdsOfAction(db, id);
      deleteActionRow(db, id);
      removeDoc(db, id);
      for (const l of lessons) reindexLesson(db, ref, l);
    },
    reindex(db, id, previous) {
      const a = reindexAction(db, ref, id);
      if (!a) return;
      if (!previous || !sameData(pickLessonFacing(previous), pickLessonFacing(a))) for (const l of lessonIdsOfAction(db, id)) reindexLesson(db, ref, l);
    },
  };
}
