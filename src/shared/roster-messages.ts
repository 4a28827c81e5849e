// What the roster importer says about a row, in English, by message key. The core writes the
// English text into its report (the CLI prints it) together with the key and the values; the
// renderer shows the same key in the interface language (French texts in i18n/fr.ts).
export const ROSTER_MESSAGES_EN = {
  extraEmail: 'Only the first of {{count}} addresses was kept ({{first}})',
  phoneNotNormalised: 'The phone number {{phone}} was stored as a number; its country is unknown, so it is kept as it is',
  topicUnknown: '"{{value}}" is not a known topic; left out',
  languageUnknown: '"{{value}}" names no language we know; left out',
  languageLevelMissing: '"{{value}}" gives no level (A1–C2, native, courant/fluent…); left out',
  badId: '"{{value}}" is not a record id',
  nameNotSplit: '"{{value}}" cannot be split into a given and a family name',
  namesRequired: 'The given name and the family name are required',
  extraCell: '{{count}} cell beyond the last header column was not imported',
  extraCells: '{{count}} cells beyond the last header column were not imported',
  badEmail: '"{{value}}" is not a valid e-mail address',
  phoneScientific: 'The phone number "{{value}}" was turned into a number by Excel and its digits are lost: format the column as text and export again',
  badPhone: '"{{value}}" is not a phone number',
  dateNotReal: '"{{value}}" is not a real date ({{reason}})',
  cellNotDate: '{{value}} is not a date',
  twoDigitYear: '"{{value}}" has a two-digit year: write the year in full',
  dateDayFirst: '"{{value}}" is not a date read day first; choose the other day/month order if the file uses it',
  dateMonthFirst: '"{{value}}" is not a date read month first; choose the other day/month order if the file uses it',
  badDate: '"{{value}}" is not a date (use YYYY-MM-DD, DD/MM/YYYY or an Excel date)',
  badEnum: '"{{value}}" is not a known {{kind}} ({{allowed}})',
  notYesNo: '"{{value}}" is not yes or no',
  badCountry: '"{{value}}" is not a known country (use its name in English or French, or its ISO code)',
  unclosedQuote: 'A quote opened on line {{line}} is never closed: the rest of the file was read as one cell',
  noNameColumn: 'No column is mapped to the given and family names (or a full name)',
  duplicateEmail: 'Line {{line}} has the same e-mail; merge the two rows in the file',
  duplicateRow: 'Line {{line}} is the same person (same name and institution); merge the two rows in the file',
  maybeSame: 'Maybe {{name}}, already in the roster: confirm to update, or choose to create a new expert',
  maybeSameAt: 'Maybe {{name}} ({{institution}}), already in the roster: confirm to update, or choose to create a new expert',
  notFound: 'No expert with id {{value}}',
  invalid: '{{message}}',
} as const;

export type RosterMessageKey = keyof typeof ROSTER_MESSAGES_EN;
export type RosterMessageParams = Record<string, string | number>;

/** A template with its {{values}} filled in. */
export function fillMessage(template: string, params: RosterMessageParams = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The English text of a message, as the core reports it. */
export const rosterMessage = (key: RosterMessageKey, params?: RosterMessageParams): string => fillMessage(ROSTER_MESSAGES_EN[key], params);
