// SQL for remembered roster column mappings, and only SQL.
import type { RosterField } from '../../../shared/api';
import type { Db } from '../../db/open';
import { nowIso, stmt } from '../../db/sql';

export function rememberedMapping(db: Db, headerKey: string): (RosterField | null)[] | undefined {
  const json = stmt(db, 'SELECT mapping FROM roster_mappings WHERE header_key = ?').pluck().get(headerKey) as string | undefined;
  return json === undefined ? undefined : (JSON.parse(json) as (RosterField | null)[]);
}

export function rememberMapping(db: Db, headerKey: string, mapping: readonly (RosterField | null)[]): void {
  stmt(
    db,
    `INSERT INTO roster_mappings (header_key, mapping, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(header_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
  ).run(headerKey, JSON.stringify(mapping), nowIso());
}
