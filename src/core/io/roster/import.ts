// Roster import: read the file, map its columns, turn rows into expert patches, then write them
// the way the exchange import does — one transaction, one savepoint per row, a dry run that rolls
// back — so the preview shows exactly what applying will do. Rows matched only by name wait for
// the user's decision; nothing is merged on a guess.
import Fuse from 'fuse.js';
import type { ApplyRosterInput, EntityCounts, RosterCandidate, RosterField, RosterImportReport, RosterRow } from '../../../shared/api';
import { ROSTER_FIELDS } from '../../../shared/api';
import { EXPERT_DEFAULTS, type Expert } from '../../../shared/schemas';
import type { z } from 'zod';
import type { Db } from '../../db/open';
import { allIds } from '../../db/sql';
import { findExpertIdsByEmail } from '../../experts/experts.repo';
import { isHidden, readExpert } from '../../experts/experts.service';
import type { EntityStore } from '../../records/entity';
import type { ReferenceIndex } from '../../reference/reference.repo';
import { KbFailure } from '../../util/errors';
import { foldHeader, headerKey, suggestMapping } from './fields';
import { rememberMapping, rememberedMapping } from './mappings.repo';
import { rosterFailure } from './problems';
import { readRosterTable, type RosterTable } from './read';
import { rowToPatch, type RowPatch } from './rows';
import { buildLexicons, problem, type Problem } from './values';

export type RosterInput = z.output<typeof ApplyRosterInput>;

export interface RosterContext {
  db: Db;
  ref: ReferenceIndex;
  experts: EntityStore<object, Expert>;
  progress?: (done: number, total: number) => void;
}

class DryRunRollback extends Error {}

const zero = (): EntityCounts => ({ created: 0, updated: 0, unchanged: 0, rejected: 0 });

const NAME_THRESHOLD = 0.3;

interface Candidate {
  id: string;
  name: string;
  institution: string | null;
  email: string | null;
}

/**
 * Where a person is looked for: their family name's first two letters, or their given name's
 * first two letters with the family name's initial. A typo is then found anywhere but in the
 * first letters of both names at once.
 */
function nameKeys(givenName: string, familyName: string): string[] {
  const given = foldHeader(givenName);
  const family = foldHeader(familyName);
  return [`f:${family.slice(0, 2)}`, `g:${given.slice(0, 2)}${family.slice(0, 1)}`];
}

/**
 * Existing experts that may be the person on a row without a known e-mail: close name, compatible
 * institution. fuse.js is linear in the experts it searches (milliseconds at 2,000, see
 * TOOLCHAIN.md), and a roster has tens of thousands of rows: each row searches only the experts
 * that share a name key with it, a handful.
 */
class FuzzyMatcher {
  private readonly byKey = new Map<string, Candidate[]>();
  private readonly indexes = new Map<string, Fuse<Candidate>>();

  constructor(db: Db) {
    for (const e of allIds(db, 'experts', 'family_name').map((id) => readExpert(db, id)!)) {
      if (isHidden(e)) continue;
      const candidate = { id: e.id, name: `${e.givenName} ${e.familyName}`, institution: e.institution, email: e.email };
      for (const key of nameKeys(e.givenName, e.familyName)) {
        const list = this.byKey.get(key);
        if (list) list.push(candidate);
        else this.byKey.set(key, [candidate]);
      }
    }
  }

  private index(keys: string[]): Fuse<Candidate> | null {
    const cacheKey = keys.join('|');
    let f = this.indexes.get(cacheKey);
    if (!f) {
      const candidates = [...new Set(keys.flatMap((k) => this.byKey.get(k) ?? []))];
      if (!candidates.length) return null;
      f = new Fuse(candidates, { keys: ['name'], includeScore: true, threshold: NAME_THRESHOLD, ignoreDiacritics: true });
      this.indexes.set(cacheKey, f);
    }
    return f;
  }

  find(givenName: string, familyName: string, institution: string | null): RosterCandidate[] {
    const fuse = this.byKey.size ? this.index(nameKeys(givenName, familyName)) : null;
    if (!fuse) return [];
    const inst = institution ? foldHeader(institution) : null;
    return fuse
      .search(`${givenName} ${familyName}`, { limit: 5 })
      .filter((r) => {
        const other = r.item.institution ? foldHeader(r.item.institution) : null;
        return !inst || !other || inst === other || inst.includes(other) || other.includes(inst);
      })
      .map((r) => ({ expertId: r.item.id, name: r.item.name, institution: r.item.institution, email: r.item.email, score: Math.round((r.score ?? 0) * 1000) / 1000 }));
  }
}

function resolveMapping(db: Db, table: RosterTable, given: RosterInput['mapping']): Pick<RosterImportReport, 'mapping' | 'mappingSource'> {
  if (given) {
    if (given.length !== table.headers.length) {
      throw rosterFailure('bad_mapping', `The mapping has ${given.length} entries but the file has ${table.headers.length} columns`);
    }
    const seen = new Set<RosterField>();
    for (const f of given) {
      if (f && seen.has(f)) throw rosterFailure('bad_mapping', `The field ${f} is mapped to two columns`);
      if (f) seen.add(f);
    }
    return { mapping: [...given], mappingSource: 'given' };
  }
  const remembered = rememberedMapping(db, headerKey(table.headers));
  if (remembered && remembered.length === table.headers.length && remembered.every((f) => f === null || ROSTER_FIELDS.includes(f))) {
    return { mapping: remembered, mappingSource: 'remembered' };
  }
  return { mapping: suggestMapping(table.headers), mappingSource: 'suggested' };
}

/** Reads the file (async: XLSX is unzipped), then previews (dryRun) or applies in one transaction. */
export async function importRoster(ctx: RosterContext, input: RosterInput, dryRun: boolean, beforeApply?: () => void): Promise<RosterImportReport> {
  const table = await readRosterTable({
    fileName: input.fileName,
    content: Buffer.from(input.contentBase64, 'base64'),
    encoding: input.encoding,
    delimiter: input.delimiter,
    sheet: input.sheet,
  });
  const { mapping, mappingSource } = resolveMapping(ctx.db, table, input.mapping);
  if (!dryRun) beforeApply?.();
  return runRows(ctx, table, mapping, mappingSource, input, dryRun);
}

function runRows(
  ctx: RosterContext,
  table: RosterTable,
  mapping: (RosterField | null)[],
  mappingSource: RosterImportReport['mappingSource'],
  input: RosterInput,
  dryRun: boolean,
): RosterImportReport {
  const counts = zero();
  const report: RosterImportReport = {
    dryRun,
    actions: zero(),
    lessons: zero(),
    experts: counts,
    deployments: zero(),
    rejections: [],
    file: table.file,
    headers: table.headers,
    mapping,
    mappingSource,
    droppedColumns: table.headers.filter((_, i) => !mapping[i]),
    dataRows: table.rows.length,
    emptyRows: table.emptyRows,
    rows: [],
    warnings: [],
  };
  const rowCtx = { headers: table.headers, mapping, lex: buildLexicons(ctx.ref), dateOrder: input.dateOrder, date1904: table.date1904 };
  const hasNames = mapping.includes('fullName') || (mapping.includes('givenName') && mapping.includes('familyName'));
  const decisions = new Map(input.decisions.map((d) => [d.line, d.expertId]));
  const unclosed = new Map(table.problems.map((p) => [p.line, p]));
  const matcher = new FuzzyMatcher(ctx.db);
  const seenEmails = new Map<string, number>();
  const seenPeople = new Map<string, { line: number; email: string | null }>();

  const mergedPatch = (row: RowPatch, existing: Expert | undefined) => {
    const { consent, ...rest } = row.patch;
    return consent ? { ...rest, consent: { ...(existing?.consent ?? EXPERT_DEFAULTS.consent), ...consent } } : rest;
  };
  const unchangedFor = (expertId: string, row: RowPatch): boolean => {
    try {
      ctx.db.transaction(() => {
        if (ctx.experts.write(mergedPatch(row, readExpert(ctx.db, expertId)), { id: expertId }).outcome !== 'unchanged') throw new DryRunRollback();
      })();
      return true;
    } catch (e) {
      if (e instanceof DryRunRollback || (e instanceof KbFailure && e.code !== 'INTERNAL')) return false;
      throw e;
    }
  };

  const reject = (line: number, row: RowPatch | undefined, problems: (Problem & { column?: string })[], extra: Partial<RosterRow> = {}) => {
    counts.rejected++;
    for (const p of problems) report.rejections.push({ line, ...(p.column ? { path: p.column } : {}), code: p.code, reason: p.message, messageKey: p.messageKey, ...(p.params ? { params: p.params } : {}) });
    report.rows.push({ line, outcome: 'rejected', name: row?.name ?? '', email: row?.email ?? null, ...extra });
  };

  const run = () => {
    table.rows.forEach((r, index) => {
      if (index % 1000 === 0) ctx.progress?.(index, table.rows.length);
      const row = rowToPatch(r.cells, rowCtx);
      for (const w of row.warnings) report.warnings.push({ line: r.line, ...(w.column ? { column: w.column } : {}), code: w.code, message: w.message, messageKey: w.messageKey, ...(w.params ? { params: w.params } : {}) });
      const quote = unclosed.get(r.line);
      if (quote) return reject(r.line, row, [quote]);
      if (!hasNames) {
        return reject(r.line, row, [problem('missing_required_column', 'noNameColumn')]);
      }
      if (row.problems.length) return reject(r.line, row, row.problems);

      if (row.email) {
        const first = seenEmails.get(row.email);
        if (first !== undefined) return reject(r.line, row, [problem('duplicate_email', 'duplicateEmail', { line: first })]);
        seenEmails.set(row.email, r.line);
      }
      // Same name and institution is the same person unless both rows give (different) e-mails.
      const person = `${foldHeader(row.name)}|${foldHeader(row.patch.institution ?? '')}`;
      const earlier = seenPeople.get(person);
      if (earlier && (!row.email || !earlier.email)) {
        return reject(r.line, row, [problem('duplicate_row', 'duplicateRow', { line: earlier.line })]);
      }
      if (!earlier) seenPeople.set(person, { line: r.line, email: row.email });

      let targetId = row.id && readExpert(ctx.db, row.id) ? row.id : undefined;
      if (!targetId && row.email) targetId = findExpertIdsByEmail(ctx.db, row.email)[0];
      let candidates: RosterCandidate[] = [];
      if (!targetId && row.patch.givenName && row.patch.familyName) {
        candidates = matcher.find(row.patch.givenName, row.patch.familyName, row.patch.institution ?? null).filter((c) => !row.email || c.email !== row.email);
        // A row identical to a candidate writes nothing: it needs no decision to be left alone.
        const same = candidates.length && !decisions.has(r.line) ? candidates.find((c) => unchangedFor(c.expertId, row)) : undefined;
        if (same) {
          counts.unchanged++;
          report.rows.push({ line: r.line, outcome: 'unchanged', name: row.name, email: row.email, expertId: same.expertId, candidates });
          return;
        }
        if (candidates.length) {
          const decision = decisions.get(r.line);
          if (decision === undefined) {
            return reject(r.line, row, [
                candidates[0]!.institution
                  ? problem('needs_confirmation', 'maybeSameAt', { name: candidates[0]!.name, institution: candidates[0]!.institution })
                  : problem('needs_confirmation', 'maybeSame', { name: candidates[0]!.name }),
              ], { outcome: 'confirm', candidates });
          }
          if (decision !== null) targetId = decision;
        }
      }
      const existing = targetId ? readExpert(ctx.db, targetId) : undefined;
      if (targetId && !existing) return reject(r.line, row, [problem('not_found', 'notFound', { value: targetId })]);
      const patch = mergedPatch(row, existing);
      try {
        // No savepoint per row: EntityStore.write validates everything (schema, codes, unique
        // e-mail) before it saves, so a rejected row has written nothing; a failure after that
        // is INTERNAL and rolls the whole import back. Savepoints cost a third of a large import.
        const { record, outcome } = ctx.experts.write(patch, { id: targetId ?? row.id, matchNatural: !targetId });
        counts[outcome]++;
        report.rows.push({ line: r.line, outcome: outcome === 'created' ? 'create' : outcome === 'updated' ? 'update' : 'unchanged', name: row.name, email: row.email, expertId: record.id, ...(candidates.length ? { candidates } : {}) });
      } catch (e) {
        if (!(e instanceof KbFailure) || e.code === 'INTERNAL') throw e;
        const column = (path: string) => {
          const field = path.split(/[.[]/)[0] as RosterField;
          const i = mapping.indexOf(field === ('consent' as RosterField) ? 'consentGivenOn' : field);
          return i >= 0 ? table.headers[i] : undefined;
        };
        reject(r.line, row, (e.issues ?? [{ path: '(root)', message: e.message }]).map((i) => ({ ...problem('invalid', 'invalid', { message: i.message }), column: column(i.path) })));
      }
    });
    ctx.progress?.(table.rows.length, table.rows.length);
    if (!dryRun) rememberMapping(ctx.db, headerKey(table.headers), mapping);
    if (dryRun) throw new DryRunRollback();
  };

  try {
    ctx.db.transaction(run)();
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw e;
  }
  return report;
}
