// Property and fuzz tests of the roster import: the same table written in every supported
// encoding, delimiter and line ending stores the same experts; random and mangled files never
// crash or hang the importer and always get a report or a reasoned refusal.
import fs from 'node:fs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createCore, type KbCore } from '../../src/core';
import type { RosterEncoding } from '../../src/shared/api';
import { fixture, ok } from './helpers';
import { rosterInput } from './roster-helpers';

interface Person {
  givenName: string;
  familyName: string;
  institution: string;
  notes: string;
  /** The stored language, and how the file writes it ("de courant"). */
  languages: { code: string; level: string; written: readonly string[] }[];
}

const ENCODINGS: { encoding: RosterEncoding; bom: boolean }[] = [
  { encoding: 'utf-8', bom: false },
  { encoding: 'utf-8', bom: true },
  { encoding: 'utf-16le', bom: true },
  { encoding: 'utf-16be', bom: true },
  { encoding: 'windows-1252', bom: false },
];
const DELIMITERS = [',', ';', '\t'] as const;
const EOLS = ['\r\n', '\n', '\r'] as const;

// Characters Windows-1252 can hold, with the ones that need quoting.
const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 éèàçôœŒÆßøÅ€’-.;,"\t'.split('');
const word = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 12 }).map((cs) => cs.join('').trim()).filter((s) => s.length > 0);
const LANGS = [
  ['fr', 'natif', 'native'],
  ['en', 'C1', 'C1'],
  ['es', 'B2', 'B2'],
  ['de', 'courant', 'C1'],
] as const;
const person = fc.record({
  givenName: word,
  familyName: word,
  institution: word,
  notes: fc.tuple(word, word).map(([a, b]) => `${a}\n${b}`),
  languages: fc.subarray([...LANGS]).map((ls) => ls.map(([code, , level]) => ({ code, level, written: ls.find((l) => l[0] === code)! }))),
});

function writeTable(people: Person[], delimiter: string, eol: string): string {
  const quote = (s: string) => (/["\r\n]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = [['Prénom', 'Nom', 'Courriel', 'Institution', 'Remarques', 'Langues']];
  people.forEach((p, i) =>
    rows.push([p.givenName, p.familyName, `person${i}@example.org`, p.institution, p.notes, p.languages.map((l) => `${l.written[0]} ${l.written[1]}`).join(', ')]),
  );
  return rows.map((r) => r.map(quote).join(delimiter)).join(eol) + eol;
}

function encode(text: string, e: (typeof ENCODINGS)[number]): Buffer {
  return iconv.encode(e.bom ? `\ufeff${text}` : text, e.encoding);
}

async function stored(core: KbCore) {
  return ok(await core.listExperts({ pageSize: 1000, sort: 'updatedAt' })).items
    .map((e) => ({ email: e.email, givenName: e.givenName, familyName: e.familyName, institution: e.institution, notes: e.notes, languages: e.languages }))
    .sort((a, b) => (a.email! < b.email! ? -1 : 1));
}

const expected = (people: Person[]) =>
  people.map((p, i) => ({
    email: `person${i}@example.org`,
    givenName: p.givenName,
    familyName: p.familyName,
    institution: p.institution,
    notes: p.notes,
    languages: p.languages.map(({ code, level }) => ({ code, level })),
  })).sort((a, b) => (a.email < b.email ? -1 : 1));

/** People whose name and institution repeat are one person to the importer: keep them distinct. */
const distinct = (people: Person[]) => new Set(people.map((p) => `${p.givenName}|${p.familyName}|${p.institution}`.toLowerCase())).size === people.length;

describe('the same table in every encoding, delimiter and line ending', () => {
  it('stores the same experts, whatever the combination (all 45 on one table)', async () => {
    const people = fc.sample(fc.array(person, { minLength: 3, maxLength: 6 }).filter(distinct), { numRuns: 1, seed: 42 })[0]!;
    for (const e of ENCODINGS) {
      for (const d of DELIMITERS) {
        for (const eol of EOLS) {
          const core = createCore({ dbPath: ':memory:' });
          try {
            const report = ok(await core.applyRosterImport(rosterInput('t.csv', encode(writeTable(people, d, eol), e))));
            expect(report.file, `${e.encoding} ${JSON.stringify(d)} ${JSON.stringify(eol)}`).toMatchObject({ encoding: e.encoding, delimiter: d });
            expect(await stored(core)).toEqual(expected(people));
          } finally {
            core.close();
          }
        }
      }
    }
  });

  it('holds for random tables and random combinations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(person, { minLength: 1, maxLength: 8 }).filter(distinct),
        fc.constantFrom(...ENCODINGS),
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom(...EOLS),
        async (people, e, d, eol) => {
          const core = createCore({ dbPath: ':memory:' });
          try {
            const report = ok(await core.applyRosterImport(rosterInput('t.csv', encode(writeTable(people, d, eol), e))));
            expect(report.experts.created).toBe(people.length);
            expect(await stored(core)).toEqual(expected(people));
          } finally {
            core.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('fuzzed files', () => {
  const corpus = fs.readdirSync(fixture('import')).filter((f) => !f.endsWith('.json')).map((f) => fs.readFileSync(fixture('import', f)));
  const names = ['f.csv', 'f.txt', 'f.tsv', 'f.xlsx', 'f.dat'];
  const mangled = fc.tuple(fc.constantFrom(...corpus), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }), fc.nat()).map(([buf, flips, cut]) => {
    const b = Buffer.from(buf.subarray(0, 1 + (cut % buf.length)));
    for (const [at, byte] of flips) b[at % b.length] = byte;
    return b;
  });
  const csvish = fc
    .tuple(fc.array(fc.constantFrom('"', ';', ',', '\t', '\r', '\n', 'a', 'é', 'Nom', 'Prénom', 'E-mail', '@', '1', 'x@y.org', '\ufeff', ' '), { maxLength: 300 }), fc.constantFrom(...ENCODINGS))
    .map(([parts, e]) => encode(parts.join(''), e));
  const file = fc.tuple(fc.oneof(fc.uint8Array({ maxLength: 2000 }).map((u) => Buffer.from(u)), mangled, csvish), fc.constantFrom(...names));

  it('1,000 random or mangled files: a consistent report or a refusal with a reason, never a crash or a hang', async () => {
    const core = createCore({ dbPath: ':memory:' });
    const started = Date.now();
    try {
      await fc.assert(
        fc.asyncProperty(file, async ([content, name]) => {
          const r = await core.previewRosterImport(rosterInput(name, content));
          if (!r.ok) {
            expect(r.error.code).toBe('INVALID');
            expect(r.error.message.length).toBeGreaterThan(0);
            return;
          }
          const { created, updated, unchanged, rejected } = r.value.experts;
          expect(created + updated + unchanged + rejected).toBe(r.value.dataRows);
          expect(r.value.rows).toHaveLength(r.value.dataRows);
          for (const j of r.value.rejections) expect(j.line).toBeGreaterThan(0);
        }),
        { numRuns: 1000, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
      );
    } finally {
      core.close();
    }
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
