import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type KbCore } from '../../src/core';
import { SCHEMA_VERSION } from '../../src/core/db/migrations';
import { sessionMarker } from '../../src/core/db/open';
import { damageTable } from './damage';
import { err, expertHelene, fixture, ghana, ok, tempDir } from './helpers';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

function kb(args: string[], input?: string) {
  const r = spawnSync(tsx, [path.join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', input, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function populated(): Promise<{ dbPath: string; core: KbCore }> {
  const dbPath = path.join(tempDir(), 'kb.sqlite');
  const core = createCore({ dbPath });
  ok(await core.importExchange({ document: JSON.parse(fs.readFileSync(fixture('exchange', 'small.mieux-kb.json'), 'utf8')) }));
  return { dbPath, core };
}

describe('a damaged database', () => {
  it('takes the recovery path: opened read-only, every write refused with DB_CORRUPT, the last verified backup offered, the readable records exported', async () => {
    const { dbPath, core } = await populated();
    const backup = ok(await core.createBackup({}));
    core.close();
    const before = fs.readFileSync(dbPath);
    damageTable(dbPath, 'lessons');
    const damagedBytes = fs.readFileSync(dbPath);
    expect(damagedBytes.equals(before)).toBe(false);

    const broken = createCore({ dbPath });
    const health = ok(await broken.getDatabaseHealth({}));
    expect(health).toMatchObject({ state: 'damaged', check: 'quick_check', uncleanShutdown: false });
    expect(health.problems.length).toBeGreaterThan(0);
    expect(health.lastVerifiedBackup).toMatchObject({ path: backup.path, createdAt: backup.createdAt });

    expect(err(await broken.createAction({ data: ghana }))).toMatchObject({ code: 'DB_CORRUPT', message: expect.stringMatching(/read-only.*Restore a backup/) });
    expect(err(await broken.createExpert({ data: expertHelene })).code).toBe('DB_CORRUPT');
    expect(err(await broken.setAuditActor({ name: 'Someone' })).code).toBe('DB_CORRUPT');

    const readable = ok(await broken.exportReadable({}));
    expect(readable.document.actions.map((a) => a.code).sort()).toEqual(["Côte d'Ivoire I", 'Ghana III', 'Ghana IV']);
    expect(readable.document.experts).toHaveLength(2);
    expect(readable.problems.some((p) => p.startsWith('lessons'))).toBe(true);
    broken.close();
    // Never written to: the damaged file is byte for byte what the disk left, and a crashed-session marker was not invented.
    expect(fs.readFileSync(dbPath).equals(damagedBytes)).toBe(true);
    expect(fs.existsSync(sessionMarker(dbPath))).toBe(false);

    // The CLI says so, exits 1, and names the backup; restoring it brings everything back.
    const check = kb(['check', '--db', dbPath]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/damaged.*last verified backup is .*kb restore/);
    const rescued = path.join(tempDir(), 'rescued.mieux-kb.json');
    const recover = kb(['recover', rescued, '--db', dbPath]);
    expect(recover.code).toBe(0);
    expect(recover.stdout).toMatch(/^Wrote 3 Actions, 0 lessons, 2 experts, 2 deployments to .*\nCould not read \d+ part\(s\):\n {2}lessons/);
    expect(JSON.parse(fs.readFileSync(rescued, 'utf8'))).toMatchObject({ format: 'mieux-kb', actions: expect.any(Array) });
    expect(fs.readFileSync(dbPath).equals(damagedBytes)).toBe(true);

    const restore = kb(['restore', backup.path, '--db', dbPath]);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^Restored .* from .*\nThe database it replaced is kept at .*before-restore/);
    expect(kb(['check', '--db', dbPath])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK:/) });
    const healed = createCore({ dbPath });
    expect(ok(await healed.listLessons({})).total).toBe(2);
    healed.close();
  });
});

describe('backup commands', () => {
  it('backup [DIR] --json prints the manifest, backups lists newest first, restore refuses a damaged backup', async () => {
    const { dbPath, core } = await populated();
    core.close();
    const made = kb(['backup', '--json', '--db', dbPath]);
    expect(made.code).toBe(0);
    const manifest = JSON.parse(made.stdout);
    expect(manifest).toMatchObject({ reason: 'manual', schemaVersion: SCHEMA_VERSION, counts: { actions: 3, lessons: 2, experts: 2, deployments: 2 } });
    expect(fs.existsSync(manifest.path)).toBe(true);

    const human = kb(['backup', path.join(tempDir(), 'elsewhere'), '--db', dbPath]);
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n')[0]).toMatch(/elsewhere\/kb-.*-manual\.sqlite$/);

    const again = kb(['backup', '--db', dbPath]).stdout.split('\n')[0]!;
    const list = kb(['backups', '--db', dbPath]);
    // The one made in another folder is not listed beside the database; the newest comes first; then the retention in use.
    expect(list.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`manual .*${again}$`)),
      expect.stringContaining(manifest.path),
      'Rotation keeps 7 daily backups and 5 of each of pre-migration and pre-import; manual backups are never deleted.',
    ]);

    fs.writeFileSync(manifest.path, 'no longer a database');
    const refused = kb(['restore', manifest.path, '--db', dbPath]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: .*checksum/);
    expect(kb(['restore', '--db', dbPath]).stderr).toMatch(/restore needs a backup FILE/);
  });
});
