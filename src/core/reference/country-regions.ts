// Country → MIEUX+ region. This is data, not code: regions are re-grouped over time and sources
// disagree (Azerbaijan is European Neighbourhood here, Asia in UN M49). Based on the MIEUX+
// scheme, and UN M49 sub-regions where the scheme is silent. A change here ships as a migration.
export const MIEUX_REGION_COUNTRIES: Record<string, readonly string[]> = {
  // Western Africa + Middle Africa (UN M49)
  WCA: ['BJ', 'BF', 'CV', 'CI', 'GM', 'GH', 'GN', 'GW', 'LR', 'ML', 'MR', 'NE', 'NG', 'SN', 'SL', 'TG', 'SH', 'AO', 'CM', 'CF', 'TD', 'CG', 'CD', 'GQ', 'GA', 'ST'],
  // Eastern + Southern Africa, and Sudan
  ESA: ['BI', 'KM', 'DJ', 'ER', 'ET', 'KE', 'MG', 'MW', 'MU', 'YT', 'MZ', 'RE', 'RW', 'SC', 'SO', 'SS', 'TZ', 'UG', 'ZM', 'ZW', 'SD', 'BW', 'LS', 'NA', 'ZA', 'SZ', 'IO', 'TF'],
  // The 16 countries of the European Neighbourhood Instrument
  ENI: ['DZ', 'AM', 'AZ', 'BY', 'EG', 'GE', 'IL', 'JO', 'LB', 'LY', 'MD', 'MA', 'PS', 'SY', 'TN', 'UA', 'EH'],
  // Central, Southern, South-eastern and Eastern Asia, and Western Asia outside the Neighbourhood
  ASIA: [
    'KZ', 'KG', 'TJ', 'TM', 'UZ', 'AF', 'BD', 'BT', 'IN', 'IR', 'MV', 'NP', 'PK', 'LK', 'BN', 'KH', 'ID', 'LA', 'MY', 'MM',
    'PH', 'SG', 'TH', 'TL', 'VN', 'CN', 'HK', 'MO', 'MN', 'KP', 'KR', 'JP', 'TW', 'IQ', 'SA', 'YE', 'OM', 'AE', 'QA', 'KW', 'BH',
  ],
  LAC: [
    'AR', 'BO', 'BR', 'CL', 'CO', 'EC', 'FK', 'GF', 'GY', 'PY', 'PE', 'SR', 'UY', 'VE', 'BZ', 'CR', 'SV', 'GT', 'HN', 'MX',
    'NI', 'PA', 'AG', 'BS', 'BB', 'CU', 'DM', 'DO', 'GD', 'HT', 'JM', 'KN', 'LC', 'VC', 'TT', 'AI', 'AW', 'BQ', 'VG', 'KY',
    'CW', 'GP', 'MQ', 'MS', 'PR', 'BL', 'MF', 'SX', 'TC', 'VI',
  ],
};

export const EU_MEMBER_STATES: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL',
  'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
];
