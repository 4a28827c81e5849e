// Experts' personal-data rights: access (everything about one person), erasure (the person gone
// from every table, the search index and the file's bytes) and the erasure ledger. What refers to
// an expert is found from the schema's foreign keys, never from a hand-kept list, so a table added
// later is exported and erased without anyone remembering to.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AuditEntry, ErasureResult } from '../../shared/api';
import type { ErasureEntry, Expert } from '../../shared/schemas';
import { appendAudit, auditCascade } from '../audit/audit';
import type { Db } from '../db/open';
import { stmt } from '../db/sql';
import { removeDoc } from '../search/indexer';

export interface Reference {
  table: string;
  column: string;
  parent: string;
  parentColumn: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Every (table, column) that points to an expert, directly or through a table that does
 * (breadth-first from `experts`), with the key it points to.
 */
export function expertReferences(db: Db): Reference[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  const keys = new Map<string, { table: string; from: string; to: string | null }[]>();
  for (const t of tables) {
    keys.set(t, db.pragma(`foreign_key_list(${quote(t)})`) as { table: string; from: string; to: string | null }[]);
  }
  const found: Reference[] = [];
  const reached = ['experts'];
  for (let i = 0; i < reached.length; i++) {
    const parent = reached[i]!;
    for (const [table, fks] of keys) {
      for (const fk of fks.filter((k) => k.table === parent)) {
        if (found.some((r) => r.table === table && r.column === fk.from)) continue;
        found.push({ table, column: fk.from, parent, parentColumn: fk.to ?? primaryKey(db, parent) });
        if (!reached.includes(table)) reached.push(table);
      }
    }
  }
  return found;
}

function primaryKey(db: Db, table: string): string {
  const cols = db.pragma(`table_info(${quote(table)})`) as { name: string; pk: number }[];
  return cols.find((c) => c.pk === 1)?.name ?? 'rowid';
}

/** The expert's own row and every row that refers to them, by table. */
export function relatedRows(db: Db, expertId: string): Record<string, Record<string, unknown>[]> {
  const rows: Record<string, Record<string, unknown>[]> = { experts: db.prepare('SELECT * FROM experts WHERE id = ?').all(expertId) as Record<string, unknown>[] };
  for (const ref of expertReferences(db)) {
    const parentKeys = [...new Set((rows[ref.parent] ?? []).map((r) => r[ref.parentColumn]))];
    const matched = parentKeys.length
      ? (db.prepare(`SELECT * FROM ${quote(ref.table)} WHERE ${quote(ref.column)} IN (SELECT value FROM json_each(?))`).all(JSON.stringify(parentKeys)) as Record<string, unknown>[])
      : [];
    const seen = rows[ref.table] ?? [];
    rows[ref.table] = [...seen, ...matched.filter((m) => !seen.some((s) => JSON.stringify(s) === JSON.stringify(m)))];
  }
  return rows;
}

/**
 * Deletes the expert and everything that refers to them, deepest tables first, and their search
 * documents; records the erasure in the ledger and the audit log (neither holds the person's data).
 * Must run in a transaction; call purgeFreedData afterwards, outside it.
 */
export function eraseExpertRows(db: Db, expert: Pick<Expert, 'id' | 'givenName' | 'familyName' | 'email'>, erasedOn: string, newLedgerEntry = true): ErasureResult {
  const related = relatedRows(db, expert.id);
  auditCascade(db, 'expert', expert.id);
  const removed: Record<string, number> = {};
  const refs = expertReferences(db);
  for (const ref of [...refs].reverse()) {
    const parentKeys = (related[ref.parent] ?? []).map((r) => r[ref.parentColumn]);
    if (!parentKeys.length) continue;
    const n = db.prepare(`DELETE FROM ${quote(ref.table)} WHERE ${quote(ref.column)} IN (SELECT value FROM json_each(?))`).run(JSON.stringify(parentKeys)).changes;
    removed[ref.table] = (removed[ref.table] ?? 0) + n;
    for (const r of related[ref.table] ?? []) if (typeof r.id === 'string') removeDoc(db, r.id);
  }
  removeDoc(db, expert.id);
  removed.experts = stmt(db, 'DELETE FROM experts WHERE id = ?').run(expert.id).changes;
  // An erasure the ledger already names (after a restore, from a bundle) needs no second entry.
  if (newLedgerEntry) addToLedger(db, ledgerEntry(expert, erasedOn));
  appendAudit(db, { entity: 'expert', recordId: expert.id, action: 'erase', fields: [], detail: { removed } });
  return { id: expert.id, removed };
}

/**
 * Makes deleted values unrecoverable from the files: the full-text indexes are merged so deleted
 * tokens leave their segments, then VACUUM rewrites the file (secure_delete already zeroes freed
 * pages) and the WAL is checkpointed and truncated so no old page stays in it.
 */
export function purgeFreedData(db: Db): void {
  const fts = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5(%'").pluck().all() as string[];
  for (const t of fts) db.prepare(`INSERT INTO ${quote(t)}(${quote(t)}) VALUES ('optimize')`).run();
  pruneSpellingWords(db, fts);
  if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * The spelling-suggestion word list only ever grows as records are indexed; after an erasure it
 * would still hold the person's name. Words no longer in the merged full-text index go.
 */
function pruneSpellingWords(db: Db, fts: string[]): void {
  const hasTerms = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_terms'").get();
  if (!hasTerms || !fts.includes('search_fts')) return;
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.erasure_vocab USING fts5vocab(main, 'search_fts', 'row')");
  try {
    db.exec('DELETE FROM search_terms WHERE term NOT IN (SELECT term FROM temp.erasure_vocab)');
  } finally {
    db.exec('DROP TABLE temp.erasure_vocab');
  }
}

// ---------- The erasure ledger: salted hashes only ----------
const normalise = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
const saltedHash = (salt: string, value: string) => createHash('sha256').update(`${salt}\u0000${normalise(value)}`).digest('hex');
const fullName = (e: Pick<Expert, 'givenName' | 'familyName'>) => `${e.givenName} ${e.familyName}`;

export function ledgerEntry(e: Pick<Expert, 'givenName' | 'familyName' | 'email'>, erasedOn: string): ErasureEntry {
  // A random salt per entry: the ledger can travel to colleagues without becoming a lookup table.
  const salt = randomBytes(16).toString('hex');
  return { id: randomUUID(), salt, emailHash: e.email ? saltedHash(salt, e.email) : null, nameHash: saltedHash(salt, fullName(e)), erasedOn };
}

/** An entry made from an e-mail matches by e-mail only; one made without matches by full name. */
export function matchesEntry(entry: ErasureEntry, e: Pick<Expert, 'givenName' | 'familyName' | 'email'>): boolean {
  if (entry.emailHash) return e.email !== null && saltedHash(entry.salt, e.email) === entry.emailHash;
  return saltedHash(entry.salt, fullName(e)) === entry.nameHash;
}

export function readLedger(db: Db): ErasureEntry[] {
  return (
    stmt(db, 'SELECT id, salt, email_hash, name_hash, erased_on FROM erasures ORDER BY erased_on, id').all() as {
      id: string;
      salt: string;
      email_hash: string | null;
      name_hash: string;
      erased_on: string;
    }[]
  ).map((r) => ({ id: r.id, salt: r.salt, emailHash: r.email_hash, nameHash: r.name_hash, erasedOn: r.erased_on }));
}

/** Adds entries not yet known (by id); returns how many were new. */
export function addToLedger(db: Db, ...entries: ErasureEntry[]): number {
  const ins = stmt(db, 'INSERT OR IGNORE INTO erasures (id, salt, email_hash, name_hash, erased_on) VALUES (@id, @salt, @emailHash, @nameHash, @erasedOn)');
  return entries.reduce((n, e) => n + ins.run(e).changes, 0);
}

interface ExpertKey {
  id: string;
  givenName: string;
  familyName: string;
  email: string | null;
}

export function expertsMatchingLedger(db: Db, ledger: readonly ErasureEntry[]): ExpertKey[] {
  if (!ledger.length) return [];
  const experts = stmt(db, 'SELECT id, given_name AS givenName, family_name AS familyName, email FROM experts').all() as ExpertKey[];
  return experts.filter((e) => ledger.some((entry) => matchesEntry(entry, e)));
}

/** Erases again every expert the ledger names (after a restore, or when a bundle brings entries). In a transaction. */
export function applyLedger(db: Db, today: string): number {
  const matches = expertsMatchingLedger(db, readLedger(db));
  for (const e of matches) eraseExpertRows(db, e, today, false);
  return matches.length;
}

export function historyOfExpert(db: Db, id: string): AuditEntry[] {
  return (stmt(db, "SELECT * FROM audit_log WHERE entity = 'expert' AND record_id = ? ORDER BY seq").all(id) as Record<string, unknown>[]).map((r) => ({
    seq: r.seq as number,
    at: r.at as string,
    actor: r.actor as string,
    entity: 'expert',
    recordId: r.record_id as string,
    action: r.action as AuditEntry['action'],
    fields: JSON.parse(r.fields as string) as string[],
    detail: r.detail ? (JSON.parse(r.detail as string) as Record<string, unknown>) : null,
  }));
}

// ---------- The readable page for the right of access ----------
const escapeHtml = (v: unknown) =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function table(rows: Record<string, unknown>[]): string {
  if (!rows.length) return '<p>None.</p>';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const head = cols.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${cols.map((c) => `<td>${escapeHtml(typeof r[c] === 'object' && r[c] !== null ? JSON.stringify(r[c]) : r[c])}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function personalDataHtml(expert: Expert, related: Record<string, Record<string, unknown>[]>, history: AuditEntry[], exportedAt: string): string {
  const name = `${expert.givenName} ${expert.familyName}`;
  const profile = Object.entries(expert).map(([k, v]) => ({ field: k, value: typeof v === 'object' && v !== null ? JSON.stringify(v) : v }));
  const sections = Object.entries(related)
    .map(([t, rows]) => `<h2>Table ${escapeHtml(t)} (${rows.length})</h2>\n${table(rows)}`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Personal data held about ${escapeHtml(name)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#eee}</style>
</head><body>
<h1>Personal data held about ${escapeHtml(name)}</h1>
<p>MIEUX+ Knowledge Base, exported ${escapeHtml(exportedAt)}.</p>
<h2>Profile</h2>
${table(profile)}
${sections}
<h2>History of changes (${history.length})</h2>
<p>Who changed the profile and which fields; the values are not kept in the history.</p>
${table(history.map((h) => ({ when: h.at, who: h.actor, action: h.action, fields: h.fields.join(', ') })))}
</body></html>
`;
}
