import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { err, expertHelene, ghana, newCore, ok, tempDir } from './helpers';

const root = path.resolve(__dirname, '../..');
const osUser = os.userInfo().username;

function kb(args: string[]) {
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the audit trail', () => {
  it('records every create, update and delete with who, when and which fields, newest first on the record page', async () => {
    const core = newCore();
    const a = ok(await core.createAction({ data: ghana }));
    ok(await core.updateAction({ id: a.id, data: { status: 'ongoing', notes: 'Second phase' } }));
    ok(await core.updateAction({ id: a.id, data: { status: 'ongoing' } }));
    const history = ok(await core.getHistory({ entity: 'action', id: a.id }));
    expect(history.map((h) => h.action)).toEqual(['update', 'create']);
    expect(history[0]).toMatchObject({ actor: osUser, entity: 'action', recordId: a.id, fields: ['notes', 'status'] });
    expect(history[1]!.fields).toEqual(expect.arrayContaining(['code', 'titleEn', 'domain', 'countries', 'topics']));
    expect(Date.parse(history[0]!.at)).toBeGreaterThanOrEqual(Date.parse(history[1]!.at));

    ok(await core.deleteAction({ id: a.id }));
    expect(ok(await core.getHistory({ entity: 'action', id: a.id }))[0]).toMatchObject({ action: 'delete', fields: [] });
  });

  it('logs the records a delete changes through the schema: the deployments it removes, the lessons and Actions that pointed to it', async () => {
    const core = newCore();
    const a = ok(await core.createAction({ data: ghana }));
    const followUp = ok(await core.createAction({ data: { ...ghana, code: 'Ghana IV', relatedActions: [a.id] } }));
    const lesson = ok(await core.createLesson({ data: { title: 'One contact point', polarity: 'good_practice', actions: [a.id, followUp.id] } }));
    const e = ok(await core.createExpert({ data: expertHelene }));
    const d = ok(await core.createDeployment({ data: { expert: e.id, action: a.id, role: 'expert', activityType: 'training' } }));
    ok(await core.deleteAction({ id: a.id }));
    const cause = { cause: `action ${a.id} deleted` };
    expect(ok(await core.getHistory({ entity: 'deployment', id: d.id }))[0]).toMatchObject({ action: 'delete', detail: cause });
    expect(ok(await core.getHistory({ entity: 'lesson', id: lesson.id }))[0]).toMatchObject({ action: 'update', fields: ['actions'], detail: cause });
    expect(ok(await core.getHistory({ entity: 'action', id: followUp.id }))[0]).toMatchObject({ action: 'update', fields: ['relatedActions'], detail: cause });
    expect(ok(await core.getLesson({ id: lesson.id })).actions).toEqual([followUp.id]);
    expect(ok(await core.verifyAudit({})).ok).toBe(true);
  });

  it('never stores an expert’s personal values, only the names of the fields that changed', async () => {
    const core = newCore();
    const e = ok(await core.createExpert({ data: expertHelene }));
    ok(await core.updateExpert({ id: e.id, data: { phone: '+33 9 99 99 99 99', notes: 'Prefers e-mail' } }));
    const [update] = ok(await core.getHistory({ entity: 'expert', id: e.id }));
    expect(update!.fields).toEqual(['notes', 'phone']);
    core.close();
    const db = new Database(core.dbPath, { readonly: true });
    const log = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
    db.close();
    for (const value of ['Hélène', 'Dupré', 'h.dupre@example.fr', '+33 1 23 45 67 89', '+33 9 99 99 99 99', 'Prefers e-mail', 'Intérieur']) expect(log).not.toContain(value);
  });

  it('writes in the same transaction: a refused write, a conflict or a dry run leaves no entry; an import leaves one per record and its summary', async () => {
    const core = newCore();
    const before = ok(await core.verifyAudit({})).entries;
    expect(err(await core.createAction({ data: { ...ghana, domain: 'NOPE' as 'IMT' } })).code).toBe('INVALID');
    const a = ok(await core.createAction({ data: ghana }));
    expect(err(await core.updateAction({ id: a.id, data: { notes: 'x' }, expectedUpdatedAt: '2000-01-01T00:00:00.000Z' })).code).toBe('CONFLICT');
    const doc = { format: 'mieux-kb', version: 1, actions: [{ ...ghana, code: 'Ghana IV' }, { code: 'Broken' }] };
    ok(await core.importExchange({ document: doc, dryRun: true }));
    expect(ok(await core.verifyAudit({})).entries).toBe(before + 1);
    ok(await core.importExchange({ document: doc }));
    expect(ok(await core.verifyAudit({}))).toMatchObject({ ok: true, entries: before + 3 });
    core.close();
    const db = new Database(core.dbPath, { readonly: true });
    const last = db.prepare('SELECT entity, action, detail FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { entity: string; action: string; detail: string };
    db.close();
    expect(last).toMatchObject({ entity: 'import', action: 'import' });
    expect(JSON.parse(last.detail)).toMatchObject({ actions: { created: 1, rejected: 1 }, rejected: 1 });
  });

  it('names the actor set in the settings, else the operating-system user', async () => {
    const core = newCore();
    expect(ok(await core.getAuditActor({}))).toEqual({ actor: osUser, source: 'os' });
    expect(ok(await core.setAuditActor({ name: '  Anna Schmidt ' }))).toEqual({ actor: 'Anna Schmidt', source: 'setting' });
    const a = ok(await core.createAction({ data: ghana }));
    expect(ok(await core.getHistory({ entity: 'action', id: a.id }))[0]!.actor).toBe('Anna Schmidt');
    ok(await core.setAuditActor({ name: null }));
    ok(await core.updateAction({ id: a.id, data: { notes: 'n' } }));
    expect(ok(await core.getHistory({ entity: 'action', id: a.id })).map((h) => h.actor)).toEqual([osUser, 'Anna Schmidt']);
  });
});

describe('tampering with the audit log', () => {
  async function logged(): Promise<string> {
    const dbPath = path.join(tempDir(), 'kb.sqlite');
    const core = createCore({ dbPath });
    for (const code of ['One', 'Two', 'Three', 'Four']) ok(await core.createAction({ data: { ...ghana, code } }));
    expect(ok(await core.verifyAudit({}))).toEqual({ ok: true, entries: 4, problems: [] });
    core.close();
    return dbPath;
  }

  const verify = async (dbPath: string) => {
    const core = createCore({ dbPath });
    const v = ok(await core.verifyAudit({}));
    core.close();
    return v;
  };

  it('refuses UPDATE and DELETE even on a raw connection', async () => {
    const db = new Database(await logged());
    expect(() => db.prepare("UPDATE audit_log SET actor = 'nobody'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    db.close();
  });

  it('detects an edited entry, a removed entry and removed newest entries once the triggers are dropped', async () => {
    const edited = await logged();
    let db = new Database(edited);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET fields = '["notes"]' WHERE seq = 2`).run();
    db.close();
    expect(await verify(edited)).toMatchObject({ ok: false, problems: [{ seq: 2, problem: expect.stringMatching(/edited/) }] });

    const removed = await logged();
    db = new Database(removed);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    db.close();
    const v = await verify(removed);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual(expect.arrayContaining([expect.objectContaining({ seq: 3, problem: expect.stringMatching(/missing/) })]));

    const cut = await logged();
    db = new Database(cut);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq >= 3').run();
    db.close();
    expect(await verify(cut)).toMatchObject({ ok: false, entries: 2, problems: [{ seq: null, problem: expect.stringMatching(/newest entries \(3–4\)/) }] });

    // The CLI says the same: exit 0 on an intact log, 1 with the reason on a tampered one.
    expect(kb(['audit', 'verify', '--db', await logged()])).toMatchObject({ code: 0, stdout: "OK: the audit log's 4 entries are intact.\n" });
    const bad = kb(['audit', 'verify', '--db', cut]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: The audit log was tampered with: the newest entries/);
  });
});
