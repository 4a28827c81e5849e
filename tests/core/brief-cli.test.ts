import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** Runs the CLI as a user does, in its own process. */
function kb(args: string[]) {
  const r = spawnSync(tsx, [path.join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kb brief', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    // tempDir() is cleaned after each test: this folder lives for the whole file.
    dir = fs.mkdtempSync(path.join(path.dirname(tempDir()), 'mieux-kb-brief-cli-'));
    db = path.join(dir, 'demo.sqlite');
    expect(kb(['init', '--demo', '--db', db]).code).toBe(0);
    return () => fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--json keeps the documented shape; --country and --topic take repeats and commas', () => {
    const r = kb(['brief', '--country', 'ci', '--topic', 'MD-DIASPORA,MD-PLAN', '--country', 'SN', '--domain', 'MD', '--text', 'politique de la diaspora', '--from', '2027-03', '--json', '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const brief = JSON.parse(r.stdout);
    expect(brief.request).toMatchObject({ countries: ['CI', 'SN'], topics: ['MD-DIASPORA', 'MD-PLAN'], domain: 'MD', from: '2027-03' });
    expect(brief.actions.length).toBeGreaterThan(0);
    for (const a of brief.actions) expect(a).toMatchObject({ id: expect.any(String), code: expect.any(String), title: expect.any(String), score: expect.any(Number), reasons: expect.any(Array) });
    for (const l of brief.lessons) expect(l).toMatchObject({ id: expect.any(String), title: expect.any(String), score: expect.any(Number), reasons: expect.any(Array) });
    for (const e of brief.experts) {
      expect(e).toMatchObject({ id: expect.any(String), name: expect.any(String), score: expect.any(Number), factors: expect.any(Array) });
      expect(e).toHaveProperty('email');
      expect(e.factors[0]).toMatchObject({ factor: expect.any(String), value: expect.any(Number), weight: expect.any(Number), points: expect.any(Number) });
    }
    expect(brief.actions.map((a: { code: string }) => a.code)).toContain('Ghana IV');
  });

  it('prints a readable brief and writes the HTML page and the bundle', () => {
    const html = path.join(dir, 'brief.html');
    const bundle = path.join(dir, 'brief.mieux-kb.json');
    const r = kb(['brief', '--country', 'CI', '--topic', 'MD-DIASPORA', '--limit', '3', '--html', html, '--bundle', bundle, '--lang', 'fr', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Preparation brief: CI \(WCA\) · MD-DIASPORA\n\nSimilar past Actions \(3\)\n {3}\d+\.\d {2}\S/);
    expect(r.stdout).toContain('Expert shortlist (3)');
    expect(r.stdout).toContain(`Wrote the printable brief to ${html}`);
    expect(fs.readFileSync(html, 'utf8')).toContain('Note de préparation');
    const doc = JSON.parse(fs.readFileSync(bundle, 'utf8'));
    expect(doc).toMatchObject({ format: 'mieux-kb', version: 1 });
    expect(doc.experts).toHaveLength(3);

    const fresh = path.join(dir, 'fresh.sqlite');
    expect(kb(['init', '--db', fresh]).code).toBe(0);
    const imported = JSON.parse(kb(['import', bundle, '--json', '--db', fresh]).stdout);
    expect(imported.rejections).toEqual([]);
    expect(imported.experts.created).toBe(3);
  });

  it('prepares from an Action given by its code', () => {
    const r = kb(['brief', '--action', 'ghana iv', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const brief = JSON.parse(r.stdout);
    expect(brief.request.action.code).toBe('Ghana IV');
    expect(brief.actions.map((a: { code: string }) => a.code)).not.toContain('Ghana IV');
  });

  it('fails with one clear line', () => {
    const cases: [string[], RegExp][] = [
      [['brief'], /^error: brief needs at least one of --country, --topic, --domain, --text or --action\n$/],
      [['brief', '--country', 'XX'], /^error: draft\.countries: Unknown country code XX\n$/],
      [['brief', '--country', 'CIV'], /^error: draft\.countries\[0\]: Use a two-letter ISO 3166-1 country code\n$/],
      [['brief', '--topic', 'MD-NOPE'], /^error: draft\.topics\[0\]: /],
      [['brief', '--country', 'CI', '--from', '2027-13'], /^error: draft\.from: Not a real calendar date\n$/],
      [['brief', '--country', 'CI', '--lang', 'de'], /^error: --lang must be en or fr\n$/],
      [['brief', '--country', 'CI', '--limit', '0'], /^error: --limit must be a whole number from 1 to 100\n$/],
      [['brief', '--action', 'Atlantis I'], /^error: No Action with the code "Atlantis I"\n$/],
    ];
    for (const [args, message] of cases) {
      const r = kb([...args, '--db', db]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
