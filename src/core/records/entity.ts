// The write path shared by every entity: validate, resolve references, compare, save, re-index,
// all inside one transaction. Each entity supplies a small definition; the logic lives once here.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { formatIssues, type AuditEntry, type Issue } from '../../shared/api';
import { appendAudit, auditCascade } from '../audit/audit';
import type { Db } from '../db/open';
import { nowIso } from '../db/sql';
import { recordTombstone } from '../io/sync.repo';
import type { ReferenceIndex } from '../reference/reference.repo';
import { invalidFailure, KbFailure, notFound } from '../util/errors';

export interface Stamps {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface EntityDef<D extends object, R extends D & Stamps> {
  /** Singular, for messages and events. */
  name: 'action' | 'lesson' | 'expert' | 'deployment';
  schema: z.ZodType<D>;
  defaults: Partial<D>;
  read(db: Db, id: string): R | undefined;
  /** Finds an existing record by its natural key (Action code, expert e-mail) when no id matches. */
  matchNatural?(db: Db, data: Partial<D>): string[];
  /**
   * Whether the natural key is tried for a record whose id is given but unknown. True for the keys
   * the exchange format defines (code, e-mail); false for weaker ones (a lesson's title).
   */
  naturalKeyOverridesId: boolean;
  /** Turns references (ids, codes, e-mails) into ids; reports the ones that resolve to nothing. */
  resolve(db: Db, data: D): { data: D; issues: Issue[] };
  /** Codes the schema cannot know (countries, languages) checked against the reference tables. */
  checkCodes(ref: ReferenceIndex, data: D): Issue[];
  /** Uniqueness rules (e.g. one expert per e-mail). */
  checkUnique?(db: Db, id: string, data: D): Issue[];
  save(db: Db, id: string, data: D, createdAt: string, updatedAt: string): void;
  remove(db: Db, id: string): void;
  /** Keeps the search index in step, in the same transaction; `previous` is the record before the write. */
  reindex(db: Db, id: string, previous?: R): void;
}

export type Outcome = 'created' | 'updated' | 'unchanged';

/** Stable comparison of two records' data: key order and undefined keys do not matter. */
export function sameData(a: object, b: object): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([x], [y]) => (x < y ? -1 : 1)))
      : val,
  );
}

export class EntityStore<D extends object, R extends D & Stamps> {
  constructor(
    private readonly db: Db,
    private readonly ref: ReferenceIndex,
    readonly def: EntityDef<D, R>,
    private readonly dataKeys: string[],
  ) {}

  get(id: string): R {
    const r = this.def.read(this.db, id);
    if (!r) throw notFound(this.def.name, id);
    return r;
  }

  /**
   * Creates or updates from a patch: keys present overwrite, keys absent keep their value (or the
   * default for a new record). Throws INVALID with every issue, writing nothing.
   */
  write(
    patch: Partial<D>,
    opts: {
      id?: string;
      createdAt?: string;
      updatedAt?: string;
      expectedUpdatedAt?: string;
      mustExist?: boolean;
      matchNatural?: boolean;
      /** How the audit log names an update (`withdraw-consent`, `restrict`…); `update` by default. */
      auditAction?: AuditEntry['action'];
    } = {},
  ): { record: R; outcome: Outcome } {
    const existingId = this.findExisting(opts.id, patch, opts.matchNatural ?? false);
    const existing = existingId ? this.def.read(this.db, existingId) : undefined;
    if (opts.mustExist && !existing) throw notFound(this.def.name, opts.id ?? '?');
    if (existing && opts.expectedUpdatedAt && existing.updatedAt !== opts.expectedUpdatedAt) {
      throw new KbFailure('CONFLICT', `This ${this.def.name} was changed elsewhere since you opened it (at ${existing.updatedAt}). Reload it and apply your changes again.`);
    }
    const base = existing ? this.pick(existing) : this.def.defaults;
    const parsed = this.def.schema.safeParse({ ...base, ...stripUndefined(patch) });
    if (!parsed.success) throw invalidFailure(formatIssues(parsed.error));
    const { data, issues } = this.def.resolve(this.db, parsed.data);
    const id = existing?.id ?? opts.id ?? randomUUID();
    issues.push(...this.def.checkCodes(this.ref, data), ...(this.def.checkUnique?.(this.db, id, data) ?? []));
    if (issues.length) throw invalidFailure(issues);
    if (existing && sameData(this.pick(existing), data)) return { record: existing, outcome: 'unchanged' };
    const now = nowIso();
    this.def.save(this.db, id, data, existing?.createdAt ?? opts.createdAt ?? now, opts.updatedAt ?? now);
    this.def.reindex(this.db, id, existing);
    appendAudit(this.db, {
      entity: this.def.name,
      recordId: id,
      action: existing ? (opts.auditAction ?? 'update') : 'create',
      fields: this.changedFields(existing ? this.pick(existing) : undefined, data),
    });
    return { record: this.get(id), outcome: existing ? 'updated' : 'created' };
  }

  delete(id: string): void {
    if (!this.def.read(this.db, id)) throw notFound(this.def.name, id);
    auditCascade(this.db, this.def.name, id);
    this.def.remove(this.db, id);
    appendAudit(this.db, { entity: this.def.name, recordId: id, action: 'delete', fields: [] });
    recordTombstone(this.db, this.def.name, id, nowIso());
  }

  /** Names of the data fields that differ (for a new record: the ones given a value). */
  private changedFields(before: D | undefined, after: D): string[] {
    const a = after as Record<string, unknown>;
    const b = (before ?? {}) as Record<string, unknown>;
    return this.dataKeys.filter((k) => (before ? !sameData({ v: b[k] }, { v: a[k] }) : !isEmpty(a[k])));
  }

  private pick(record: R): D {
    return Object.fromEntries(this.dataKeys.map((k) => [k, (record as Record<string, unknown>)[k]])) as D;
  }

  /** By id; for imports also by natural key (Action code, expert e-mail). */
  private findExisting(id: string | undefined, patch: Partial<D>, natural: boolean): string | undefined {
    if (id && this.def.read(this.db, id)) return id;
    if (!natural || (id && !this.def.naturalKeyOverridesId)) return undefined;
    const matches = this.def.matchNatural?.(this.db, patch) ?? [];
    if (matches.length > 1) {
      throw invalidFailure([{ path: '(root)', message: `Matches ${matches.length} existing ${this.def.name}s; give its id to say which` }]);
    }
    return matches[0];
  }
}

const isEmpty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
