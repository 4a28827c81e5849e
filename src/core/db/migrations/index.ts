import type { Database } from 'better-sqlite3';
import { migration0010 } from './0010-init';
import { migration0020 } from './0020-search';
import { migration0030 } from './0030-safety';
import { migration0040 } from './0040-roster-mappings';
import { migration0060 } from './0060-sync';
import { migration0070 } from './0070-search-pairs';
import { migration0080 } from './0080-region-label';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** Ordered, immutable steps of 10. The last version is the schema this app writes. */
export const MIGRATIONS: readonly Migration[] = [migration0010, migration0020, migration0030, migration0040, migration0060, migration0070, migration0080];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
