import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exchangeJsonSchema, SCHEMA_FILE } from '../../scripts/exchange-schema';

describe('published documentation', () => {
  it('docs/exchange-format.schema.json is the schema the importer enforces', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(exchangeJsonSchema());
    const schema = JSON.parse(exchangeJsonSchema());
    expect(schema.required).toEqual(['format', 'version']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.actions.items.properties.domain.enum).toEqual(['IMT', 'LM', 'MD', 'IP', 'HO']);
  });
});
