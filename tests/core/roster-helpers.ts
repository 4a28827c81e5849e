import fs from 'node:fs';
import type { RosterImportReport } from '../../src/shared/api';
import type { KbCore } from '../../src/core';
import { ok } from './helpers';

/** A roster file as the contract takes it. */
export function rosterInput(fileName: string, content: Buffer | string, extra: Record<string, unknown> = {}) {
  return { fileName, contentBase64: Buffer.from(content).toString('base64'), ...extra };
}

export function rosterFile(file: string, extra: Record<string, unknown> = {}) {
  return rosterInput(file.split('/').pop()!, fs.readFileSync(file), extra);
}

/** The report without what differs between runs (generated ids) or between a preview and an apply (the backup taken). */
export function stable({ backup: _backup, ...report }: RosterImportReport) {
  return { ...report, rows: report.rows.map(({ expertId: _id, ...r }) => r) };
}

export async function applyRoster(core: KbCore, input: ReturnType<typeof rosterInput>) {
  return ok(await core.applyRosterImport(input));
}
