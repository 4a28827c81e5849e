// Official and working languages of the MIEUX+ partner countries: the languages an expert can work
// in with the partner administration. Data, not logic; a change is a one-line edit here.
//
// Sources: official languages from the constitutions as summarised in the CIA World Factbook
// ("Languages" field, 2024 edition) and Wikipedia's "List of official languages by country and
// territory" (checked November 2026); working languages are the languages of administration and
// of international cooperation in practice (e.g. French in the Maghreb, Russian in Central Asia,
// English in the Gulf), as MIEUX+ Action documents show them. ISO 639-1 codes only: languages
// without one (Tamazight, Tetum, Papiamento, Comorian) are left out.

export interface CountryLanguages {
  official: string[];
  /** Further languages the administration works in (not repeated from `official`). */
  working: string[];
}

const l = (official: string, working = ''): CountryLanguages => ({
  official: official.split(' ').filter(Boolean),
  working: working.split(' ').filter(Boolean),
});

export const COUNTRY_LANGUAGES: Record<string, CountryLanguages> = {
  // Western and Central Africa
  BJ: l('fr'), BF: l('fr'), CV: l('pt'), CI: l('fr'), GM: l('en'), GH: l('en'), GN: l('fr'), GW: l('pt'),
  LR: l('en'), ML: l('bm', 'fr'), MR: l('ar', 'fr'), NE: l('fr', 'ha en'), NG: l('en'), SN: l('fr'), SL: l('en'),
  TG: l('fr'), SH: l('en'), AO: l('pt'), CM: l('fr en'), CF: l('fr sg'), TD: l('fr ar'), CG: l('fr'), CD: l('fr'),
  GQ: l('es fr pt'), GA: l('fr'), ST: l('pt'),
  // Eastern and Southern Africa
  BI: l('rn fr en'), KM: l('ar fr'), DJ: l('fr ar'), ER: l('', 'ti ar en'), ET: l('am', 'en'), KE: l('sw en'),
  MG: l('mg fr'), MW: l('en'), MU: l('en', 'fr'), YT: l('fr'), MZ: l('pt'), RE: l('fr'), RW: l('rw en fr sw'),
  SC: l('en fr'), SO: l('so ar'), SS: l('en'), TZ: l('sw en'), UG: l('en sw'), ZM: l('en'), ZW: l('en sn nd'),
  SD: l('ar en'), BW: l('en', 'tn'), LS: l('st en'), NA: l('en'), ZA: l('en af zu xh st tn ts ss ve nr'),
  SZ: l('ss en'), IO: l('en'), TF: l('fr'),
  // European Neighbourhood
  DZ: l('ar', 'fr'), AM: l('hy', 'ru en'), AZ: l('az', 'ru en'), BY: l('be ru'), EG: l('ar', 'en'),
  GE: l('ka', 'en ru'), IL: l('he', 'en ar'), JO: l('ar', 'en'), LB: l('ar', 'fr en'), LY: l('ar', 'en'),
  MD: l('ro', 'ru en'), MA: l('ar', 'fr'), PS: l('ar', 'en'), SY: l('ar'), TN: l('ar', 'fr'), UA: l('uk', 'en'),
  EH: l('ar', 'es'),
  // Asia
  KZ: l('kk ru'), KG: l('ky ru'), TJ: l('tg', 'ru'), TM: l('tk', 'ru'), UZ: l('uz', 'ru'), AF: l('ps fa'),
  BD: l('bn', 'en'), BT: l('dz', 'en'), IN: l('hi en'), IR: l('fa'), MV: l('dv', 'en'), NP: l('ne', 'en'),
  PK: l('ur en'), LK: l('si ta', 'en'), BN: l('ms', 'en'), KH: l('km', 'en fr'), ID: l('id', 'en'), LA: l('lo', 'en fr'),
  MY: l('ms', 'en'), MM: l('my', 'en'), PH: l('tl en'), SG: l('en ms zh ta'), TH: l('th', 'en'), TL: l('pt', 'en id'),
  VN: l('vi', 'en'), CN: l('zh'), HK: l('zh en'), MO: l('zh pt'), MN: l('mn'), KP: l('ko'), KR: l('ko'), JP: l('ja'),
  TW: l('zh'), IQ: l('ar ku', 'en'), SA: l('ar', 'en'), YE: l('ar'), OM: l('ar', 'en'), AE: l('ar', 'en'),
  QA: l('ar', 'en'), KW: l('ar', 'en'), BH: l('ar', 'en'),
  // Latin America and Caribbean
  AR: l('es'), BO: l('es qu ay gn'), BR: l('pt'), CL: l('es'), CO: l('es'), EC: l('es'), FK: l('en'), GF: l('fr'),
  GY: l('en'), PY: l('es gn'), PE: l('es qu ay'), SR: l('nl', 'en'), UY: l('es'), VE: l('es'), BZ: l('en', 'es'),
  CR: l('es'), SV: l('es'), GT: l('es'), HN: l('es'), MX: l('es'), NI: l('es'), PA: l('es'), AG: l('en'), BS: l('en'),
  BB: l('en'), CU: l('es'), DM: l('en'), DO: l('es'), GD: l('en'), HT: l('fr ht'), JM: l('en'), KN: l('en'),
  LC: l('en'), VC: l('en'), TT: l('en'), AI: l('en'), AW: l('nl', 'en es'), BQ: l('nl', 'en es'), VG: l('en'),
  KY: l('en'), CW: l('nl en'), GP: l('fr'), MQ: l('fr'), MS: l('en'), PR: l('es en'), BL: l('fr'), MF: l('fr'),
  SX: l('nl en'), TC: l('en'), VI: l('en'),
};

/** Every language an expert may work in with this country's administration; empty when unknown. */
export function workingLanguages(country: string): string[] {
  const c = COUNTRY_LANGUAGES[country];
  return c ? [...new Set([...c.official, ...c.working])] : [];
}
