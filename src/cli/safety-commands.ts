// The CLI's backup, recovery, audit and personal-data commands (see docs/cli.md). Kept apart from
// main.ts, which dispatches to them; they reach the core through the contract like every command,
// except `restore`, which works on the closed database file.
import fs from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { BackupInfo, KbResult } from '../shared/api';
import type { KbCore } from '../core';
import { restoreDatabase } from '../core/backup/restore';

export const SAFETY_USAGE = `  backup [DIR] [--json]               a verified backup now (in DIR, else backups/ beside the database)
  backups [--json]                    the backups beside the database, newest first, and how many rotation keeps
  restore FILE                        replace the database with a backup (the current file is moved aside)
  recover FILE                        export every record still readable (from a damaged database too)
  audit verify                        check that the audit log was not edited or cut
  expert export EMAIL FILE            everything about one expert (FILE.html: a readable page, else JSON)
  expert restrict EMAIL [--lift]      hide an expert from every list, search and export (--lift: show again)
  expert withdraw EMAIL               record the withdrawal of consent (hidden at once)
  expert erase EMAIL [--yes]          erase an expert for good (asks for confirmation unless --yes)`;

export const SAFETY_COMMANDS = ['backup', 'backups', 'restore', 'recover', 'audit', 'expert'] as const;

export class CliError extends Error {}

export interface SafetyCommandContext {
  dbPath: string;
  args: string[];
  flags: { json?: boolean; yes?: boolean; lift?: boolean };
  withCore: (fn: (core: KbCore) => Promise<void>) => Promise<void>;
  out: (s: string) => void;
}

function unwrap<T>(r: KbResult<T>): T {
  if (r.ok) return r.value;
  throw new CliError(r.error.message);
}

export async function safetyCommand(command: (typeof SAFETY_COMMANDS)[number], c: SafetyCommandContext): Promise<void> {
  const { args, flags, out } = c;
  switch (command) {
    case 'backup':
      return c.withCore(async (core) => {
        const backup = unwrap(await core.createBackup({ dir: args[0] }));
        out(flags.json ? JSON.stringify(backup, null, 2) : `${backup.path}\n${JSON.stringify(backup, null, 2)}`);
      });
    case 'backups':
      return c.withCore(async (core) => {
        const list = unwrap(await core.listBackups({}));
        // The list matters most on a damaged database: a setting that cannot be read does not hide it.
        const settings = await core.getBackupSettings({});
        const retention = settings.ok ? settings.value : null;
        if (flags.json) return out(JSON.stringify({ ...list, retention }, null, 2));
        if (!list.backups.length) out(`No backups in ${list.dir}.`);
        for (const b of list.backups) out(`${b.createdAt}  ${b.reason.padEnd(13)}  schema ${b.schemaVersion}  ${b.present ? '' : '(file missing) '}${b.path}`);
        if (retention) out(`Rotation keeps ${retention.keepDaily} daily backups and ${retention.keepSafety} of each of pre-migration and pre-import; manual backups are never deleted.`);
      });
    case 'restore': {
      const file = args[0];
      if (!file) throw new CliError('restore needs a backup FILE');
      if (!fs.existsSync(c.dbPath)) throw new CliError(`No knowledge base at ${c.dbPath}.`);
      let r;
      try {
        r = restoreDatabase(c.dbPath, file);
      } catch (e) {
        // KbFailures (a bad checksum, a damaged or too new backup) are the user's answer; anything else is a bug.
        if ((e as { code?: string }).code) throw new CliError((e as Error).message);
        throw e;
      }
      out(`Restored ${c.dbPath} from ${r.restoredFrom} (schema ${r.schemaVersion}; ${Object.entries(r.counts).map(([t, n]) => `${n} ${t}`).join(', ')}).`);
      if (r.movedAside) out(`The database it replaced is kept at ${r.movedAside}.`);
      if (r.erasuresReapplied) out(`${r.erasuresReapplied} expert(s) erased since that backup were erased again.`);
      return;
    }
    case 'recover': {
      const file = args[0];
      if (!file) throw new CliError('recover needs a FILE to write the readable records to');
      return c.withCore(async (core) => {
        const { document: doc, problems } = unwrap(await core.exportReadable({}));
        fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
        out(`Wrote ${doc.actions.length} Actions, ${doc.lessons.length} lessons, ${doc.experts.length} experts, ${doc.deployments.length} deployments to ${file}.`);
        if (problems.length) out(`Could not read ${problems.length} part(s):\n${problems.map((p) => `  ${p.split('\n')[0]}`).join('\n')}`);
      });
    }
    case 'audit':
      if (args[0] !== 'verify') throw new CliError('Usage: kb audit verify');
      return c.withCore(async (core) => {
        const v = unwrap(await core.verifyAudit({}));
        if (!v.ok) throw new CliError(`The audit log was tampered with: ${v.problems.map((p) => (p.seq === null ? p.problem : `entry ${p.seq} ${p.problem}`)).join('; ')}`);
        out(`OK: the audit log's ${v.entries} entries are intact.`);
      });
    case 'expert':
      return expertCommand(c);
  }
}

/** For `check`: a database that failed its startup check is reported with the backup to restore. */
export async function damagedMessage(core: KbCore): Promise<string | null> {
  const health = unwrap(await core.getDatabaseHealth({}));
  if (health.state === 'ok') return null;
  return `${health.path} is damaged (${health.problems.slice(0, 2).join('; ')}); ${restoreHint(health.lastVerifiedBackup)}`;
}

function restoreHint(backup: BackupInfo | null): string {
  return backup ? `the last verified backup is ${backup.path} (${backup.createdAt}): kb restore "${backup.path}"` : 'no verified backup was found';
}

async function expertCommand(c: SafetyCommandContext): Promise<void> {
  const [sub, email, file] = c.args;
  if (!sub || !['export', 'restrict', 'withdraw', 'erase'].includes(sub) || !email || (sub === 'export' && !file)) {
    throw new CliError('Usage: kb expert export EMAIL FILE | restrict EMAIL [--lift] | withdraw EMAIL | erase EMAIL [--yes]');
  }
  return c.withCore(async (core) => {
    const expert = unwrap(await core.findExpertByEmail({ email }));
    const name = `${expert.givenName} ${expert.familyName}`;
    if (sub === 'export') {
      const { html, ...data } = unwrap(await core.exportExpertData({ id: expert.id }));
      fs.writeFileSync(file!, /\.html?$/i.test(file!) ? html : JSON.stringify(data, null, 2) + '\n');
      const rows = Object.values(data.related).reduce((n, r) => n + r.length, 0);
      c.out(`Wrote everything about ${name} (${rows} rows in ${Object.keys(data.related).length} tables, ${data.history.length} history entries) to ${file}.`);
    } else if (sub === 'restrict') {
      unwrap(await core.restrictExpert({ id: expert.id, restricted: !c.flags.lift }));
      c.out(c.flags.lift ? `${name} is shown again.` : `${name} is restricted: hidden from every list, search and export.`);
    } else if (sub === 'withdraw') {
      const e = unwrap(await core.withdrawConsent({ id: expert.id }));
      c.out(`Consent of ${name} withdrawn on ${e.consent.withdrawnOn}: hidden from every list, search and export.`);
    } else {
      if (!c.flags.yes) await confirm(`Erase ${name} <${expert.email ?? 'no e-mail'}> for good, with every deployment? This cannot be undone.\nType the e-mail address to confirm: `, email);
      const r = unwrap(await core.eraseExpert({ id: expert.id }));
      c.out(`Erased ${name}: ${Object.entries(r.removed).map(([t, n]) => `${n} ${t}`).join(', ')} removed. Only salted hashes remain, in the erasure ledger.`);
    }
  });
}

/** Asks on the terminal; without one (a script, a pipe) it refuses, so nothing is erased unasked. */
async function confirm(question: string, expected: string): Promise<void> {
  if (!process.stdin.isTTY) throw new CliError('Erasure needs confirmation: run it in a terminal, or add --yes');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(question);
    if (answer.trim().toLowerCase() !== expected.trim().toLowerCase()) throw new CliError('Not confirmed: nothing was erased');
  } finally {
    rl.close();
  }
}
