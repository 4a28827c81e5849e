// Builds the shipped reference rows from maintained packages (country names from
// i18n-iso-countries, language names from ICU via Intl.DisplayNames over the ISO 639-1 list).
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import ISO6391 from 'iso-639-1';
import type { CountryRef } from '../../shared/api';
import { EU_MEMBER_STATES, MIEUX_REGION_COUNTRIES } from './country-regions';

countries.registerLocale(en);
countries.registerLocale(fr);

/**
 * English names the package gives without their accents or in the inverted list form ("Moldova,
 * Republic of"), replaced by the ISO 3166 short names the EU uses: these are partner countries.
 */
const ENGLISH_NAMES: Record<string, string> = { CI: "Côte d'Ivoire", RE: 'Réunion', MD: 'Moldova' };

export function countryRows(): CountryRef[] {
  const regionOf = new Map<string, string>();
  for (const [region, list] of Object.entries(MIEUX_REGION_COUNTRIES)) for (const c of list) regionOf.set(c, region);
  const eu = new Set(EU_MEMBER_STATES);
  return Object.keys(countries.getAlpha2Codes())
    .sort()
    .map((code) => ({
      code,
      en: ENGLISH_NAMES[code] ?? countries.getName(code, 'en') ?? code,
      fr: countries.getName(code, 'fr') ?? code,
      region: regionOf.get(code) ?? null,
      euMember: eu.has(code),
    }));
}

export function languageRows(): { code: string; en: string; fr: string }[] {
  const enNames = new Intl.DisplayNames(['en'], { type: 'language' });
  const frNames = new Intl.DisplayNames(['fr'], { type: 'language' });
  return ISO6391.getAllCodes()
    .sort()
    .map((code) => ({ code, en: enNames.of(code) ?? ISO6391.getName(code), fr: frNames.of(code) ?? ISO6391.getName(code) }));
}
