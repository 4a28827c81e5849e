// The audit trail: one row per write, appended in the writer's transaction (so a rolled-back write
// leaves no entry and a committed one always has its entry). Rows are chained by SHA-256: each
// row's hash covers its content and the previous hash, so an edited or removed row breaks the
// chain. Rows name the fields that changed, never their values: the log must not become a second
// copy of experts' personal data that erasure would have to chase.
import { createHash } from 'node:crypto';
import os from 'node:os';
import type { AuditActor, AuditEntity, AuditEntry, AuditVerification } from '../../shared/api';
import type { Db } from '../db/open';
import { readSetting, writeSetting } from '../db/settings.repo';
import { nowIso, stmt } from '../db/sql';

const GENESIS = '0'.repeat(64);
const ACTOR_KEY = 'audit.actor';

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  entity: string;
  record_id: string | null;
  action: string;
  fields: string;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditEvent {
  entity: AuditEntity;
  recordId: string | null;
  action: AuditEntry['action'];
  fields: readonly string[];
  detail?: Record<string, unknown> | null;
}

let processUser: string | undefined;

/** The operating-system user, looked up once per process (it cannot change while we run). */
function osUser(): string {
  if (processUser !== undefined) return processUser;
  try {
    processUser = os.userInfo().username || 'unknown';
  } catch {
    // Some sandboxes have no passwd entry for the uid; the log still needs a name.
    processUser = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
  return processUser;
}

export function auditActor(db: Db): AuditActor {
  const set = readSetting(db, ACTOR_KEY);
  return set ? { actor: set, source: 'setting' } : { actor: osUser(), source: 'os' };
}

export function setAuditActor(db: Db, name: string | null): AuditActor {
  writeSetting(db, ACTOR_KEY, name);
  // The actor's own name is not personal data of an expert: the change is logged like any setting.
  appendAudit(db, { entity: 'settings', recordId: ACTOR_KEY, action: 'set', fields: ['actor'] });
  return auditActor(db);
}

function hashOf(prev: string, r: Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, r.at, r.actor, r.entity, r.record_id, r.action, r.fields, r.detail]))
    .digest('hex');
}

/** Must run inside the transaction of the write it records. */
export function appendAudit(db: Db, e: AuditEvent): void {
  const prev = (stmt(db, 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS;
  const row = {
    at: nowIso(),
    actor: auditActor(db).actor,
    entity: e.entity,
    record_id: e.recordId,
    action: e.action,
    fields: JSON.stringify([...e.fields].sort()),
    detail: e.detail ? JSON.stringify(e.detail) : null,
  };
  stmt(db, 'INSERT INTO audit_log (at, actor, entity, record_id, action, fields, detail, prev_hash, hash) VALUES (@at, @actor, @entity, @record_id, @action, @fields, @detail, @prev, @hash)').run({
    ...row,
    prev,
    hash: hashOf(prev, row),
  });
}

/**
 * Deleting an expert or an Action also removes or changes other records through the schema's
 * ON DELETE CASCADE (their deployments, a lesson's list of Actions, other Actions' follow-up
 * links). Those writes never pass through their own store, so they are logged here, before the
 * delete, each naming its cause.
 */
export function auditCascade(db: Db, entity: AuditEntity, id: string): void {
  const cause = { cause: `${entity} ${id} deleted` };
  const ids = (sql: string) => stmt(db, sql).pluck().all(id) as string[];
  const deployments =
    entity === 'expert' ? ids('SELECT id FROM deployments WHERE expert_id = ?') : entity === 'action' ? ids('SELECT id FROM deployments WHERE action_id = ?') : [];
  for (const d of deployments) appendAudit(db, { entity: 'deployment', recordId: d, action: 'delete', fields: [], detail: cause });
  if (entity !== 'action') return;
  for (const l of ids('SELECT lesson_id FROM lesson_actions WHERE action_id = ?')) appendAudit(db, { entity: 'lesson', recordId: l, action: 'update', fields: ['actions'], detail: cause });
  for (const a of ids('SELECT action_id FROM action_relations WHERE related_id = ? AND action_id <> related_id')) {
    appendAudit(db, { entity: 'action', recordId: a, action: 'update', fields: ['relatedActions'], detail: cause });
  }
}

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  entity: r.entity as AuditEntity,
  recordId: r.record_id,
  action: r.action as AuditEntry['action'],
  fields: JSON.parse(r.fields) as string[],
  detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
});

export function recordHistory(db: Db, entity: AuditEntity, id: string): AuditEntry[] {
  return (stmt(db, 'SELECT * FROM audit_log WHERE entity = ? AND record_id = ? ORDER BY seq DESC').all(entity, id) as AuditRow[]).map(toEntry);
}

/**
 * Walks the chain: every row's hash must match its content and the previous row's hash, sequence
 * numbers must have no gap, and the last row must be the highest number ever given out (SQLite's
 * AUTOINCREMENT counter), so removing the newest rows shows too.
 */
export function verifyAudit(db: Db): AuditVerification {
  const problems: AuditVerification['problems'] = [];
  let prev = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  for (const r of stmt(db, 'SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    entries++;
    if (r.seq !== expectedSeq) problems.push({ seq: r.seq, problem: `entries ${expectedSeq}–${r.seq - 1} are missing` });
    if (r.prev_hash !== prev) problems.push({ seq: r.seq, problem: 'does not follow the entry before it (an entry was removed or changed)' });
    if (hashOf(r.prev_hash, r) !== r.hash) problems.push({ seq: r.seq, problem: 'its content does not match its hash (the entry was edited)' });
    prev = r.hash;
    expectedSeq = r.seq + 1;
  }
  const highest = (stmt(db, "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get() as number | undefined) ?? 0;
  if (highest >= expectedSeq) problems.push({ seq: null, problem: `the newest entries (${expectedSeq}–${highest}) are missing` });
  return { ok: problems.length === 0, entries, problems };
}
