// The golden corpus: real-world-shaped roster files, each with the report it must produce checked
// in beside it. MIEUX_UPDATE_GOLDEN=1 rewrites the expected reports (then read the diff).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, newCore, ok } from './helpers';
import { applyRoster, rosterFile, stable } from './roster-helpers';

const dir = fixture('import');
const files = fs.readdirSync(dir).filter((f) => !f.endsWith('.expected.json')).sort();
const update = process.env.MIEUX_UPDATE_GOLDEN === '1';

/** Per-file choices a user would make in the preview. */
const OPTIONS: Record<string, Record<string, unknown>> = {
  'mdy-dates.csv': { dateOrder: 'mdy' },
  'multi-sheet.xlsx': { sheet: 'Experts' },
};

describe('the golden roster corpus', () => {
  it('has at least 20 files, each with its expected report', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    if (!update) for (const f of files) expect(fs.existsSync(`${dir}/${f}.expected.json`), f).toBe(true);
  });

  it.each(files)('%s: the preview matches the expected report; applying does the same; applying again changes nothing', async (file) => {
    const core = newCore();
    const input = rosterFile(`${dir}/${file}`, OPTIONS[file] ?? {});
    const preview = ok(await core.previewRosterImport(input));
    const expectedFile = `${dir}/${file}.expected.json`;
    const expected = update ? undefined : (JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as { report: unknown; stored: unknown });
    if (expected) expect(stable(preview)).toEqual(expected.report);

    const { created, updated, unchanged, rejected } = preview.experts;
    expect(created + updated + unchanged + rejected).toBe(preview.dataRows);
    expect(preview.rows).toHaveLength(preview.dataRows);
    for (const r of preview.rejections) expect(r).toMatchObject({ line: expect.any(Number), code: expect.any(String), reason: expect.any(String) });
    expect(ok(await core.listExperts({})).total).toBe(0);

    const applied = await applyRoster(core, input);
    expect(stable({ ...applied, dryRun: true })).toEqual(stable(preview));
    const stored = ok(await core.listExperts({ pageSize: 1000 })).items.map(({ id: _i, createdAt: _c, updatedAt: _u, ...e }) => e);
    if (expected) expect(stored).toEqual(expected.stored);
    else fs.writeFileSync(expectedFile, JSON.stringify({ report: stable(preview), stored }, null, 2) + '\n');
    const again = await applyRoster(core, input);
    expect(again.experts).toEqual({ created: 0, updated: 0, unchanged: created + updated + unchanged, rejected });
  });
});
