// SQL for experts, and only SQL.
import type { Page, ParsedInput } from '../../shared/api';
import { CEFR_LEVELS } from '../../shared/reference';
import type { ExpertData } from '../../shared/schemas';
import type { Db } from '../db/open';
import { readChildren, readValues, stmt, Where, writeChildren, type ChildList } from '../db/sql';
import { foldText } from '../search/fold';

export const EXPERT_LISTS = {
  languages: { table: 'expert_languages', owner: 'expert_id', columns: ['code', 'level', 'level_rank'] },
  topics: { table: 'expert_topics', owner: 'expert_id', columns: ['topic'] },
} as const satisfies Record<string, ChildList>;

export const levelRank = (level: string) => CEFR_LEVELS.indexOf(level as (typeof CEFR_LEVELS)[number]) + 1;

export interface ExpertRow {
  id: string;
  given_name: string;
  family_name: string;
  email: string | null;
  phone: string | null;
  institution: string | null;
  position: string | null;
  member_state: string | null;
  sector: string;
  expertise: string | null;
  availability: string;
  availability_note: string | null;
  roster_status: string;
  last_confirmed_on: string | null;
  consent_given_on: string | null;
  consent_basis: string | null;
  consent_notice_version: string | null;
  consent_withdrawn_on: string | null;
  restricted: number;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export function saveExpertRow(db: Db, id: string, e: ExpertData, createdAt: string, updatedAt: string): void {
  stmt(
    db,
    `INSERT INTO experts (id, given_name, family_name, email, phone, institution, position, member_state, sector, expertise,
       availability, availability_note, roster_status, last_confirmed_on, consent_given_on, consent_basis, consent_notice_version,
       consent_withdrawn_on, restricted, notes, sort_name, sort_institution, created_at, updated_at)
     VALUES (@id, @givenName, @familyName, @email, @phone, @institution, @position, @memberState, @sector, @expertise,
       @availability, @availabilityNote, @rosterStatus, @lastConfirmedOn, @consentGivenOn, @consentBasis, @consentNoticeVersion,
       @consentWithdrawnOn, @restricted, @notes, @sortName, @sortInstitution, @createdAt, @updatedAt)
     ON CONFLICT(id) DO UPDATE SET given_name = excluded.given_name, family_name = excluded.family_name, email = excluded.email,
       phone = excluded.phone, institution = excluded.institution, position = excluded.position, member_state = excluded.member_state,
       sector = excluded.sector, expertise = excluded.expertise, availability = excluded.availability,
       availability_note = excluded.availability_note, roster_status = excluded.roster_status,
       last_confirmed_on = excluded.last_confirmed_on, consent_given_on = excluded.consent_given_on,
       consent_basis = excluded.consent_basis, consent_notice_version = excluded.consent_notice_version,
       consent_withdrawn_on = excluded.consent_withdrawn_on, restricted = excluded.restricted, notes = excluded.notes,
       sort_name = excluded.sort_name, sort_institution = excluded.sort_institution, updated_at = excluded.updated_at`,
  ).run({
    ...e,
    id,
    consent: undefined,
    languages: undefined,
    topics: undefined,
    consentGivenOn: e.consent.givenOn,
    consentBasis: e.consent.basis,
    consentNoticeVersion: e.consent.noticeVersion ?? null,
    consentWithdrawnOn: e.consent.withdrawnOn,
    restricted: e.restricted ? 1 : 0,
    sortName: foldText(`${e.familyName} ${e.givenName}`),
    sortInstitution: foldText(e.institution),
    createdAt,
    updatedAt,
  });
  writeChildren(db, EXPERT_LISTS.languages, id, e.languages.map((l) => [l.code, l.level, levelRank(l.level)]));
  writeChildren(db, EXPERT_LISTS.topics, id, e.topics.map((t) => [t]));
}

export function getExpertRow(db: Db, id: string): ExpertRow | undefined {
  return stmt(db, 'SELECT * FROM experts WHERE id = ?').get(id) as ExpertRow | undefined;
}

export function readExpertLists(db: Db, id: string) {
  return {
    languages: readChildren<[string, string]>(db, EXPERT_LISTS.languages, id).map(([code, level]) => ({ code, level })),
    topics: readValues(db, EXPERT_LISTS.topics, id),
  };
}

export function deleteExpertRow(db: Db, id: string): void {
  stmt(db, 'DELETE FROM experts WHERE id = ?').run(id);
}

export function expertExists(db: Db, id: string): boolean {
  return stmt(db, 'SELECT 1 FROM experts WHERE id = ?').get(id) !== undefined;
}

export function findExpertIdsByEmail(db: Db, email: string): string[] {
  return stmt(db, 'SELECT id FROM experts WHERE email = ? COLLATE NOCASE').pluck().all(email.trim()) as string[];
}

const EXPERT_SORT = {
  familyName: 'e.sort_name',
  memberState: 'e.member_state',
  institution: "e.sort_institution = '', e.sort_institution",
  availability: "CASE e.availability WHEN 'available' THEN 0 WHEN 'limited' THEN 1 ELSE 2 END",
  lastConfirmedOn: 'e.last_confirmed_on',
  updatedAt: 'e.updated_at',
} as const;

/** Restricted experts and those who withdrew consent never appear in lists. */
export function listExpertRows(db: Db, q: ParsedInput<'listExperts'>, regions: string[] | undefined): Page<string> {
  const deployedWhere = (cond: string) =>
    `EXISTS (SELECT 1 FROM deployments d JOIN actions a ON a.id = d.action_id WHERE d.expert_id = e.id AND ${cond})`;
  const where = new Where()
    .add('e.restricted = 0 AND e.consent_withdrawn_on IS NULL')
    .in((p) => `e.member_state IN (${p})`, q.memberState)
    .in((p) => `e.availability IN (${p})`, q.availability)
    .in((p) => `e.roster_status IN (${p})`, q.rosterStatus)
    .in((p) => `e.sector IN (${p})`, q.sector)
    .in((p) => `EXISTS (SELECT 1 FROM expert_topics t WHERE t.expert_id = e.id AND t.topic IN (${p}))`, q.topic)
    .in((p) => `EXISTS (SELECT 1 FROM expert_topics t WHERE t.expert_id = e.id AND substr(t.topic, 1, instr(t.topic, '-') - 1) IN (${p}))`, q.domain)
    .addIf(
      q.language !== undefined,
      'EXISTS (SELECT 1 FROM expert_languages l WHERE l.expert_id = e.id AND l.code = ? AND l.level_rank >= ?)',
      q.language?.code,
      levelRank(q.language?.minLevel ?? 'A1'),
    )
    .addIf(q.confirmedSince !== undefined, 'e.last_confirmed_on >= ?', q.confirmedSince)
    .in((p) => deployedWhere(`EXISTS (SELECT 1 FROM action_countries c WHERE c.action_id = a.id AND c.country IN (${p}))`), q.country)
    .in(
      (p) => deployedWhere(`EXISTS (SELECT 1 FROM action_countries c JOIN countries k ON k.code = c.country WHERE c.action_id = a.id AND k.region IN (${p}))`),
      regions,
    )
    .addIf(q.yearFrom !== undefined, deployedWhere('d.start_year >= ?'), q.yearFrom)
    .addIf(q.yearTo !== undefined, deployedWhere('d.start_year <= ?'), q.yearTo);
  const total = stmt(db, `SELECT count(*) FROM experts e ${where}`).pluck().get(...where.params) as number;
  const order = q.order ?? (q.sort === 'lastConfirmedOn' || q.sort === 'updatedAt' ? 'desc' : 'asc');
  const ids = stmt(
    db,
    `SELECT e.id FROM experts e ${where} ORDER BY ${EXPERT_SORT[q.sort]} ${order}, e.sort_name, e.id LIMIT ? OFFSET ?`,
  )
    .pluck()
    .all(...where.params, q.pageSize, (q.page - 1) * q.pageSize) as string[];
  return { total, page: q.page, pageSize: q.pageSize, items: ids };
}
