import { formatPath, type Issue } from '../../shared/api';
import { EXPERT_DEFAULTS, ExpertData, type Expert } from '../../shared/schemas';
import type { Db } from '../db/open';
import type { EntityDef } from '../records/entity';
import { unknownCodes } from '../records/refs';
import type { ReferenceIndex } from '../reference/reference.repo';
import { expertDoc, removeDoc, writeDoc } from '../search/indexer';
import { deleteExpertRow, expertExists, findExpertIdsByEmail, getExpertRow, readExpertLists, saveExpertRow } from './experts.repo';

export function readExpert(db: Db, id: string): Expert | undefined {
  const r = getExpertRow(db, id);
  if (!r) return undefined;
  const lists = readExpertLists(db, id);
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    email: r.email,
    phone: r.phone,
    institution: r.institution,
    position: r.position,
    memberState: r.member_state,
    sector: r.sector as Expert['sector'],
    languages: lists.languages as Expert['languages'],
    topics: lists.topics as Expert['topics'],
    expertise: r.expertise,
    availability: r.availability as Expert['availability'],
    availabilityNote: r.availability_note,
    rosterStatus: r.roster_status as Expert['rosterStatus'],
    lastConfirmedOn: r.last_confirmed_on,
    consent: {
      givenOn: r.consent_given_on,
      basis: r.consent_basis as Expert['consent']['basis'],
      noticeVersion: r.consent_notice_version,
      withdrawnOn: r.consent_withdrawn_on,
    },
    restricted: r.restricted === 1,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Restricted experts and those who withdrew consent are kept out of search, lists and exports. */
export const isHidden = (e: Pick<Expert, 'restricted' | 'consent'>) => e.restricted || e.consent.withdrawnOn !== null;

/** An expert reference: their id, else their e-mail. */
/** A hidden expert has no search document. */
export function reindexExpert(db: Db, ref: ReferenceIndex, id: string): void {
  const e = readExpert(db, id);
  if (!e) return;
  if (isHidden(e)) removeDoc(db, id);
  else writeDoc(db, expertDoc(e, ref));
}

export function lookupExpert(db: Db, ref: string): string[] {
  return expertExists(db, ref) ? [ref] : findExpertIdsByEmail(db, ref);
}

export function expertDef(ref: ReferenceIndex): EntityDef<ExpertData, Expert> {
  return {
    name: 'expert',
    schema: ExpertData,
    defaults: EXPERT_DEFAULTS,
    naturalKeyOverridesId: true,
    read: readExpert,
    matchNatural: (db, data) => (data.email ? findExpertIdsByEmail(db, data.email) : []),
    resolve: (_db, data) => ({ data, issues: [] }),
    checkCodes: (ref, e) => [
      ...(e.memberState && !ref.countries.has(e.memberState) ? [{ path: 'memberState', message: `Unknown country code "${e.memberState}"` }] : []),
      ...unknownCodes(
        e.languages.map((l) => l.code),
        ref.languages,
        ['languages'],
        'language',
      ).map((i) => ({ ...i, path: `${i.path}.code` })),
    ],
    checkUnique(db, id, e) {
      const issues: Issue[] = [];
      if (e.email && findExpertIdsByEmail(db, e.email).some((other) => other !== id)) {
        issues.push({ path: formatPath(['email']), message: `Another expert already has the e-mail ${e.email}` });
      }
      return issues;
    },
    save: saveExpertRow,
    remove(db, id) {
      deleteExpertRow(db, id);
      removeDoc(db, id);
    },
    reindex: (db, id) => reindexExpert(db, ref, id),
  };
}
