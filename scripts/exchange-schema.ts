// Writes docs/exchange-format.schema.json from the zod schemas, so the published JSON Schema is
// always the one the importer enforces (a test fails when the committed file is stale).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ExchangeDocument } from '../src/shared/schemas';

export function exchangeJsonSchema(): string {
  const schema = z.toJSONSchema(ExchangeDocument, { io: 'input', unrepresentable: 'any' });
  return JSON.stringify({ ...schema, $id: 'https://mieux-kb.local/exchange-format-v1.schema.json', title: 'MIEUX+ Knowledge Base exchange format v1' }, null, 2) + '\n';
}

export const SCHEMA_FILE = path.resolve(__dirname, '../docs/exchange-format.schema.json');

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, exchangeJsonSchema());
  process.stdout.write(`Wrote ${SCHEMA_FILE}\n`);
}
