import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { KbResult } from '../../src/shared/api';
import { createCore, type CoreOptions, type KbCore } from '../../src/core';

const opened: KbCore[] = [];
const dirs: string[] = [];

export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-kb-test-'));
  dirs.push(d);
  return d;
}

/** A fresh knowledge base in a real file. */
export function newCore(opts: Partial<CoreOptions> = {}): KbCore {
  const core = createCore({ dbPath: path.join(tempDir(), 'kb.sqlite'), ...opts });
  opened.push(core);
  return core;
}

afterEach(() => {
  for (const c of opened.splice(0)) c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function ok<T>(r: KbResult<T>): T {
  if (!r.ok) throw new Error(`Expected success, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

export function err<T>(r: KbResult<T>) {
  if (r.ok) throw new Error('Expected a failure, got success');
  return r.error;
}

export const fixture = (...parts: string[]) => path.join(__dirname, '..', 'fixtures', ...parts);

export const ghana = {
  code: 'Ghana III',
  titleEn: 'Ghana III: trafficking in human beings',
  domain: 'IMT' as const,
  status: 'completed' as const,
  startDate: '2015-08',
  endDate: '2020-04',
  topics: ['IMT-THB' as const],
  impactAxes: ['CAPACITY' as const],
  countries: ['GH'],
  partners: ['Ghana Immigration Service'],
  expertCountries: ['AT', 'GB'],
  summary: 'Support to the Ghana Immigration Service against trafficking in human beings.',
};

export const expertHelene = {
  givenName: 'Hélène',
  familyName: 'Dupré',
  email: 'h.dupre@example.fr',
  phone: '+33 1 23 45 67 89',
  institution: "Ministère de l'Intérieur",
  memberState: 'FR',
  languages: [
    { code: 'fr', level: 'native' as const },
    { code: 'es', level: 'B2' as const },
  ],
  topics: ['IMT-BORDER' as const],
};
