// The safety screens over a real core: backups and restore, a record's history, the audit name,
// consent withdrawal and erasure on the expert page, and the notice over a damaged database.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type KbCore } from '../../src/core';
import { damageTable } from '../core/damage';
import { fieldLabel } from '../../src/renderer/src/features/history/fieldLabels';
import { formatDateTime } from '../../src/renderer/src/features/settings/format';
import { createI18n } from '../../src/renderer/src/i18n';
import { actionShape, deploymentShape, expertShape, lessonShape, type Expert } from '../../src/shared/schemas';
import { newCore, renderApp } from './helpers';

function value<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function firstExpert(core: KbCore): Promise<Expert> {
  return value(await core.listExperts({ pageSize: 1 })).items[0]!;
}

const go = (hash: string) => {
  window.location.hash = hash;
  fireEvent(window, new HashChangeEvent('hashchange'));
};

async function openHistory() {
  fireEvent.click(await screen.findByRole('button', { name: 'History' }));
  return screen.findByRole('table', { name: 'Changes, newest first' });
}

describe('backups on the Settings screen', () => {
  it('makes a backup, then restores it from the list in two clicks, moving the current file aside', async () => {
    const core = newCore();
    const before = value(await core.listActions({ pageSize: 1 })).total;
    renderApp(core, { hash: '#/settings' });
    expect(await screen.findByText('No backup yet. Use “Back up now” to make the first one.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    expect((await screen.findByText(/^Backup made on .*: \d+ Actions, \d+ lessons, \d+ experts, \d+ deployments\.$/)).textContent).toContain(`${before} Actions`);
    const table = await screen.findByRole('table', { name: 'Backups, newest first' });
    const [backup] = value(await core.listBackups({})).backups;
    expect(within(table).getByText('Manual')).toBeTruthy();
    expect(within(table).getByText(`${before} Actions`, { exact: false })).toBeTruthy();

    value(await core.createAction({ data: { code: 'Made after the backup', titleEn: 'Gone after the restore', domain: 'MD' } }));
    // Click 1: the row's Restore; click 2: the confirmation, which says the current file is kept.
    fireEvent.click(within(table).getByRole('button', { name: `Restore the backup of ${formatDateTime(backup!.createdAt, 'en')}` }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/current database file is moved aside and kept, never deleted/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restore' }));

    const notice = await screen.findByText(/^Backup of .* restored\. The previous database file is kept at .*before-restore/);
    const movedAside = notice.textContent!.replace(/^.* kept at /, '').replace(/\.$/, '');
    expect(fs.existsSync(movedAside)).toBe(true);
    expect(value(await core.listActions({ pageSize: 1 })).total).toBe(before);
  });

  it('keeps the numbers of backups set in Settings, and shows a number the core refuses on its field', async () => {
    const core = newCore();
    renderApp(core, { hash: '#/settings' });
    const daily = (await screen.findByRole('spinbutton', { name: 'Daily backups' })) as HTMLInputElement;
    const safety = screen.getByRole('spinbutton', { name: 'Backups before an upgrade or an import (of each kind)' }) as HTMLInputElement;
    expect([daily.value, safety.value]).toEqual(['7', '5']);
    expect(screen.getByText('Default: 7')).toBeTruthy();
    expect(screen.getByText('Default: 5')).toBeTruthy();

    fireEvent.change(daily, { target: { value: '14' } });
    fireEvent.change(safety, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the numbers' }));
    expect(await screen.findByText('Saved. 14 daily backups are kept, and 2 of each kind before an upgrade or an import.')).toBeTruthy();
    expect(value(await core.getBackupSettings({}))).toEqual({ keepDaily: 14, keepSafety: 2, defaults: { keepDaily: 7, keepSafety: 5 } });

    fireEvent.change(daily, { target: { value: '400' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the numbers' }));
    expect(await screen.findByText('Enter a whole number from 1 to 366.')).toBeTruthy();
    expect(daily.getAttribute('aria-invalid')).toBe('true');
    expect(safety.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText(/^Saved\./)).toBeNull();
    expect(value(await core.getBackupSettings({})).keepDaily).toBe(14);

    fireEvent.change(daily, { target: { value: '' } });
    fireEvent.change(safety, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the numbers' }));
    expect(await screen.findByText('Enter a whole number from 1 to 100.')).toBeTruthy();
    expect(screen.getByText('Enter a whole number from 1 to 366.')).toBeTruthy();
    expect(value(await core.getBackupSettings({}))).toMatchObject({ keepDaily: 14, keepSafety: 2 });
  });
});

describe('the audit trail', () => {
  it('shows an edit in the record’s history with the names of the fields that changed, newest first', async () => {
    const core = newCore();
    const action = value(await core.listActions({ pageSize: 1 })).items[0]!;
    value(await core.updateAction({ id: action.id, data: { titleEn: 'A new title', status: 'suspended' } }));
    const { i18n } = renderApp(core, { hash: `#/actions/${action.id}` });
    const table = await openHistory();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(within(rows[0]!).getByText('Edited')).toBeTruthy();
    const fields = () => (within(table).getAllByRole('row')[1] as HTMLTableRowElement).cells[3]!.textContent;
    // The form's labels in the interface language, not the codes `status` and `titleEn`.
    expect(fields()).toBe('Status, Title in English');
    expect(within(rows.at(-1)!).getByText(/Created|Imported/)).toBeTruthy();
    // Labels in alphabetical order (the log's order is the codes').
    const created = (rows.at(-1) as HTMLTableRowElement).cells[3]!.textContent!.split(', ');
    expect(created.length).toBeGreaterThan(3);
    expect(created).toEqual([...created].sort(new Intl.Collator('en').compare));
    await act(() => i18n.changeLanguage('fr'));
    expect(fields()).toBe('Statut, Titre en anglais');
  });

  it('has a label in English and in French for every field of every record, and shows the code of a field it does not know', () => {
    const shapes = { action: actionShape, lesson: lessonShape, expert: expertShape, deployment: deploymentShape };
    for (const lang of ['en', 'fr'] as const) {
      const { t } = createI18n(lang);
      for (const [entity, shape] of Object.entries(shapes) as [keyof typeof shapes, object][]) {
        const labels = Object.keys(shape).map((code) => fieldLabel(t, entity, code));
        for (const [i, code] of Object.keys(shape).entries()) expect(labels[i], `${lang} ${entity}.${code}`).not.toMatch(new RegExp(`^(${code}|[a-z]+\\.${code})$`));
        // One label per field: two fields of a record never read the same.
        expect(new Set(labels).size, `${lang} ${entity}`).toBe(labels.length);
      }
      expect(fieldLabel(t, 'action', 'fieldOfANewerVersion')).toBe('fieldOfANewerVersion');
      expect(fieldLabel(t, 'settings', 'actor')).toBe('actor');
    }
    expect(fieldLabel(createI18n('fr').t, 'expert', 'position')).toBe('Fonction');
  });

  it('writes the name set in Settings as “who”, and goes back to the computer user name', async () => {
    const core = newCore();
    const os = value(await core.getAuditActor({}));
    expect(os.source).toBe('os');
    renderApp(core, { hash: '#/settings' });
    expect(await screen.findByText(`Currently your computer user name: ${os.actor}.`)).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Your name in the history' }), { target: { value: 'Amélie Dupont' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the name' }));
    expect(await screen.findByText('Saved. New changes are recorded as made by Amélie Dupont.')).toBeTruthy();
    expect(await screen.findByText('Currently: Amélie Dupont.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Verify the history' }));
    expect(await screen.findByText(/^The history is intact: \d+ entries, none changed or missing\.$/)).toBeTruthy();

    const lesson = value(await core.listLessons({ pageSize: 1 })).items[0]!;
    value(await core.updateLesson({ id: lesson.id, data: { recommendation: 'Plan the follow-up from the start.' } }));
    go(`#/lessons/${lesson.id}`);
    const table = await openHistory();
    const newest = within(table).getAllByRole('row')[1]!;
    expect(within(newest).getByText('Amélie Dupont')).toBeTruthy();
    expect((newest as HTMLTableRowElement).cells[3]!.textContent).toBe('Recommendation');

    go('#/settings');
    fireEvent.click(await screen.findByRole('button', { name: 'Use my computer user name' }));
    expect(await screen.findByText(`Currently your computer user name: ${os.actor}.`)).toBeTruthy();
  });
});

describe('personal data on the expert page', () => {
  it('withdraws consent in one action: the expert leaves the roster at once, and the history says so', async () => {
    const core = newCore();
    const e = await firstExpert(core);
    const name = `${e.givenName} ${e.familyName}`;
    const everyone = value(await core.listExperts({ pageSize: 1 })).total;
    renderApp(core, { hash: '#/roster' });
    expect(await screen.findByText(`${everyone} experts`)).toBeTruthy();

    go(`#/experts/${e.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Withdraw consent' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: `Withdraw the consent of ${name}?` })).getByRole('button', { name: 'Withdraw consent' }));
    expect(await screen.findByText(`Consent withdrawn. ${name} no longer appears in the roster, search or exports.`)).toBeTruthy();
    expect(await screen.findByText('This expert is hidden from the roster, search and exports.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Withdraw consent' })).toBeNull();
    const table = await openHistory();
    expect(within(within(table).getAllByRole('row')[1]!).getByText('Consent withdrawn')).toBeTruthy();

    go('#/roster');
    expect(await screen.findByText(`${everyone - 1} experts`)).toBeTruthy();
    const search = value(await core.search({ query: e.familyName }));
    expect(search.hits.some((h) => h.id === e.id)).toBe(false);
  });

  it('restricts and lifts the restriction', async () => {
    const core = newCore();
    const e = await firstExpert(core);
    renderApp(core, { hash: `#/experts/${e.id}` });
    fireEvent.click(await screen.findByRole('button', { name: 'Restrict processing' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Restrict processing' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Lift the restriction' }));
    expect(await screen.findByText(/^Restriction lifted\./)).toBeTruthy();
    expect(value(await core.getExpert({ id: e.id })).restricted).toBe(false);
    const table = await openHistory();
    expect(within(table).getAllByRole('row').slice(1, 3).map((r) => (r as HTMLTableRowElement).cells[2]!.textContent)).toEqual(['Restriction lifted', 'Restricted']);
  });

  it('erases only once the name is typed, then shows the roster without the person', async () => {
    const core = newCore();
    const e = await firstExpert(core);
    const name = `${e.givenName} ${e.familyName}`;
    renderApp(core, { hash: `#/experts/${e.id}` });
    fireEvent.click(await screen.findByRole('button', { name: 'Erase…' }));
    const dialog = await screen.findByRole('dialog', { name: `Erase ${name} for good?` });
    const confirm = within(dialog).getByRole('button', { name: 'Erase for good' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByRole('textbox', { name: `Type the name “${name}” to confirm` }), { target: { value: 'someone else' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: name } });
    fireEvent.click(confirm);
    await waitFor(() => expect(window.location.hash).toBe('#/roster'));
    expect(await screen.findByText(`${name} has been erased from the knowledge base.`)).toBeTruthy();
    expect((await core.getExpert({ id: e.id })).ok).toBe(false);
  });

  it('lists the retention review queue and deletes nothing from it', async () => {
    const core = newCore();
    const everyone = value(await core.listExperts({ pageSize: 1 })).total;
    renderApp(core, { hash: '#/settings/review' });
    const queue = value(await core.reviewQueue({ unconfirmedMonths: 1, undeployedYears: 50 }));
    fireEvent.change(await screen.findByRole('spinbutton', { name: 'Not confirmed for (months)' }), { target: { value: '1' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Not deployed for (years)' }), { target: { value: '50' } });
    const heading = await screen.findByRole('heading', { name: new RegExp(`^Not confirmed for 1 months or more: ${queue.unconfirmed.length} profiles?$`) });
    const section = heading.closest('section')!;
    expect(within(section).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(queue.unconfirmed.map((x) => `#/experts/${x.id}`));
    expect(value(await core.listExperts({ pageSize: 1 })).total).toBe(everyone);
  });
});

/** jsdom's Blob has no text(); FileReader reads it. */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('a damaged database', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('explains what happened, offers the last verified backup with its date, exports what is readable, and restores it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-kb-damaged-'));
    dirs.push(dir);
    const dbPath = path.join(dir, 'kb.sqlite');
    const healthy = createCore({ dbPath, demoIfNew: true });
    const backup = value(await healthy.createBackup({}));
    const lesson = value(await healthy.listLessons({ pageSize: 1 })).items[0]!;
    healthy.close();
    damageTable(dbPath, 'lessons');
    const core = createCore({ dbPath });
    try {
      expect(value(await core.getDatabaseHealth({})).state).toBe('damaged');
      const saved: Blob[] = [];
      vi.stubGlobal('URL', Object.assign(Object.create(URL) as typeof URL, { createObjectURL: (b: Blob) => (saved.push(b), 'blob:readable'), revokeObjectURL: () => {} }));
      // jsdom cannot save files: the click on the download link is the browser's job.
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
      // On a page the damage makes unreadable: after the restore it is read again, from the restored file.
      renderApp(core, { hash: `#/lessons/${lesson.id}` });
      expect(await screen.findByText('Could not load Lesson.')).toBeTruthy();

      const alert = await screen.findByRole('alert', { name: 'The knowledge base file is damaged' });
      expect(within(alert).getByText(/nothing is written to it/)).toBeTruthy();
      expect(within(alert).getByText(`Last verified backup: ${formatDateTime(backup.createdAt, 'en')} (${backup.counts.actions} Actions, ${backup.counts.lessons} lessons, ${backup.counts.experts} experts, ${backup.counts.deployments} deployments).`)).toBeTruthy();

      fireEvent.click(within(alert).getByRole('button', { name: 'Export what is still readable' }));
      expect(await within(alert).findByText(/^Saved readable-\d{4}-\d\d-\d\d\.mieux-kb\.json: \d+ Actions, 0 lessons, \d+ experts, \d+ deployments\. \d+ parts? could not be read\.$/)).toBeTruthy();
      const doc = JSON.parse(await blobText(saved[0]!));
      expect(doc).toMatchObject({ format: 'mieux-kb', version: 1 });
      expect(doc.actions).toHaveLength(backup.counts.actions!);

      fireEvent.click(within(alert).getByRole('button', { name: 'Restore this backup' }));
      fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Restore' }));
      expect(await screen.findByText(/^Backup of .* restored\. The previous database file is kept at /)).toBeTruthy();
      await waitFor(() => expect(screen.queryByRole('alert', { name: 'The knowledge base file is damaged' })).toBeNull());
      expect(await screen.findByRole('heading', { level: 1, name: lesson.title })).toBeTruthy();
      expect(value(await core.getDatabaseHealth({})).state).toBe('ok');
      expect(value(await core.listLessons({ pageSize: 1 })).total).toBe(backup.counts.lessons!);
    } finally {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
      core.close();
    }
  });

  it('shows the notice when the startup check, still running as the app opens, finds the damage', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-kb-damaged-'));
    dirs.push(dir);
    const dbPath = path.join(dir, 'kb.sqlite');
    createCore({ dbPath, demoIfNew: true }).close();
    damageTable(dbPath, 'lessons');
    let startCheck!: () => void;
    const core = createCore({ dbPath, startupCheckGate: new Promise<void>((resolve) => (startCheck = resolve)) });
    try {
      renderApp(core, { hash: '#/actions' });
      // The app reads while the check has not even started, and says nothing about damage yet.
      expect((await screen.findAllByRole('link', { name: /Ghana/ })).length).toBeGreaterThan(0);
      expect(screen.queryByRole('alert', { name: 'The knowledge base file is damaged' })).toBeNull();
      startCheck();
      const alert = await screen.findByRole('alert', { name: 'The knowledge base file is damaged' });
      expect(within(alert).getByText(/nothing is written to it/)).toBeTruthy();
    } finally {
      core.close();
    }
  });
});
