import type { Issue } from '../../shared/api';
import { LESSON_DEFAULTS, LessonData, type Action, type Lesson } from '../../shared/schemas';
import { readAction, lookupAction } from '../actions/actions.service';
import type { Db } from '../db/open';
import type { EntityDef } from '../records/entity';
import { resolveRefs, unknownCodes } from '../records/refs';
import type { ReferenceIndex } from '../reference/reference.repo';
import { lessonDoc, removeDoc, writeDoc } from '../search/indexer';
import { deleteLessonRow, findLessonIdsByTitle, getLessonRow, readLessonLists, saveLessonRow } from './lessons.repo';

export function readLesson(db: Db, id: string): Lesson | undefined {
  const r = getLessonRow(db, id);
  if (!r) return undefined;
  const lists = readLessonLists(db, id);
  return {
    id: r.id,
    title: r.title,
    context: r.context,
    lesson: r.lesson,
    recommendation: r.recommendation,
    polarity: r.polarity as Lesson['polarity'],
    stage: r.stage as Lesson['stage'],
    dacCriteria: lists.dacCriteria as Lesson['dacCriteria'],
    evidence: r.evidence as Lesson['evidence'],
    reviewStatus: r.review_status as Lesson['reviewStatus'],
    language: r.language as Lesson['language'],
    author: r.author,
    recordedOn: r.recorded_on,
    actions: lists.actions,
    topics: lists.topics as Lesson['topics'],
    countries: lists.countries,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function reindexLesson(db: Db, ref: ReferenceIndex, id: string): void {
  const l = readLesson(db, id);
  if (!l) return;
  const actions = l.actions.map((a) => readAction(db, ref, a)).filter((a): a is Action => a !== undefined);
  writeDoc(db, lessonDoc(l, actions, ref));
}

export function lessonDef(ref: ReferenceIndex): EntityDef<LessonData, Lesson> {
  return {
    name: 'lesson',
    schema: LessonData,
    defaults: LESSON_DEFAULTS,
    naturalKeyOverridesId: false,
    read: readLesson,
    matchNatural: (db, data) => (data.title ? findLessonIdsByTitle(db, data.title) : []),
    resolve(db, data) {
      const issues: Issue[] = [];
      const actions = resolveRefs(data.actions, ['actions'], 'Action', (r) => lookupAction(db, r), issues);
      return { data: { ...data, actions }, issues };
    },
    checkCodes: (ref, l) => unknownCodes(l.countries, ref.countries, ['countries'], 'country'),
    save: saveLessonRow,
    remove(db, id) {
      deleteLessonRow(db, id);
      removeDoc(db, id);
    },
    reindex: (db, id) => reindexLesson(db, ref, id),
  };
}
