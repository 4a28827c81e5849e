// The bilingual reference data of DOMAIN.md. Codes are stable identifiers used in the database,
// the exchange format, filters and URLs; labels are what people read.

export interface Labelled {
  code: string;
  en: string;
  fr: string;
}

export const DOMAINS = [
  { code: 'IMT', en: 'Irregular migration and trafficking in human beings', fr: 'Migration irrégulière et traite des êtres humains' },
  { code: 'LM', en: 'Legal migration and mobility', fr: 'Migration légale et mobilité' },
  { code: 'MD', en: 'Migration and development', fr: 'Migration et développement' },
  { code: 'IP', en: 'International protection and asylum policy', fr: "Protection internationale et politique d'asile" },
  { code: 'HO', en: 'Horizontal interventions', fr: 'Interventions horizontales' },
] as const satisfies readonly Labelled[];

export const TOPICS = [
  { code: 'IMT-IRREG', en: 'Irregular migration', fr: 'Migration irrégulière' },
  { code: 'IMT-BORDER', en: 'Border management and security', fr: 'Gestion et sécurité des frontières' },
  { code: 'IMT-VISA', en: 'Visa management', fr: 'Gestion des visas' },
  { code: 'IMT-SMUG', en: 'Migrant smuggling', fr: 'Trafic illicite de migrants' },
  { code: 'IMT-THB', en: 'Trafficking in human beings', fr: 'Traite des êtres humains' },
  { code: 'IMT-RETURN', en: 'Return and readmission', fr: 'Retour et réadmission' },
  { code: 'LM-LABOUR', en: 'Labour migration', fr: "Migration de main-d'œuvre" },
  { code: 'LM-INTEG', en: 'Integration', fr: 'Intégration' },
  { code: 'LM-FREEMOV', en: 'Free movement', fr: 'Libre circulation' },
  { code: 'MD-PLAN', en: 'Development planning', fr: 'Planification du développement' },
  { code: 'MD-DIASPORA', en: 'Diaspora engagement', fr: 'Engagement de la diaspora' },
  { code: 'MD-REMIT', en: 'Remittances', fr: 'Transferts de fonds' },
  { code: 'MD-BRAIN', en: 'Brain drain and brain gain', fr: 'Exode et afflux de cerveaux' },
  { code: 'IP-ASYLUM', en: 'Asylum policy', fr: "Politique d'asile" },
  { code: 'IP-REFINTEG', en: 'Refugee integration', fr: 'Intégration des réfugiés' },
  { code: 'IP-DISPLACE', en: 'Displacement', fr: 'Déplacement' },
  { code: 'HO-HEALTH', en: 'Migration and health', fr: 'Migration et santé' },
  { code: 'HO-CLIMATE', en: 'Migration and climate change', fr: 'Migration et changement climatique' },
  { code: 'HO-DATA', en: 'Migration data', fr: 'Données migratoires' },
  { code: 'HO-GENDER', en: 'Gender', fr: 'Genre' },
  { code: 'HO-TRAINING', en: 'Training capacities', fr: 'Capacités de formation' },
  { code: 'HO-CONSULAR', en: 'Consular affairs', fr: 'Affaires consulaires' },
  { code: 'HO-CHILDREN', en: 'Children in migration', fr: 'Enfants en migration' },
  { code: 'HO-RIGHTS', en: 'Human rights', fr: 'Droits humains' },
  { code: 'HO-COMMS', en: 'Communication', fr: 'Communication' },
  { code: 'HO-LEGIS', en: 'Migration legislation', fr: 'Législation migratoire' },
] as const satisfies readonly Labelled[];

/** MIEUX+ regions; `parent` makes the scheme hierarchical (Africa → WCA, ESA). */
export const REGIONS = [
  { code: 'AFRICA', parent: null, en: 'Africa', fr: 'Afrique' },
  { code: 'WCA', parent: 'AFRICA', en: 'Western and Central Africa', fr: "Afrique de l'Ouest et du Centre" },
  { code: 'ESA', parent: 'AFRICA', en: 'Eastern and Southern Africa', fr: "Afrique de l'Est et australe" },
  { code: 'ASIA', parent: null, en: 'Asia', fr: 'Asie' },
  { code: 'ENI', parent: null, en: 'European Neighbourhood', fr: 'Voisinage européen' },
  { code: 'LAC', parent: null, en: 'Latin America and Caribbean', fr: 'Amérique latine et Caraïbes' },
] as const satisfies readonly (Labelled & { parent: string | null })[];

export const IMPACT_AXES = [
  { code: 'POLICY', en: 'Policy formulation', fr: 'Formulation de politique' },
  { code: 'COORD', en: 'Inter-institutional coordination', fr: 'Coordination interinstitutionnelle' },
  { code: 'KNOWLEDGE', en: 'Knowledge production', fr: 'Production de savoirs' },
  { code: 'CAPACITY', en: 'Capacity building and training', fr: 'Renforcement des capacités et formation' },
] as const satisfies readonly Labelled[];

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;

export const ACTION_STATUSES = ['in_preparation', 'ongoing', 'completed', 'cancelled', 'suspended'] as const;
export const LESSON_POLARITIES = ['success', 'problem', 'good_practice'] as const;
export const LESSON_STAGES = ['request', 'fact_finding', 'implementation', 'closure', 'follow_up'] as const;
export const DAC_CRITERIA = ['relevance', 'coherence', 'effectiveness', 'efficiency', 'impact', 'sustainability'] as const;
export const EVIDENCE_LEVELS = ['anecdotal', 'single_action', 'repeated', 'evaluated'] as const;
export const REVIEW_STATUSES = ['draft', 'reviewed', 'validated', 'retired'] as const;
export const EXPERT_SECTORS = [
  'public_administration',
  'eu_agency',
  'academia',
  'ngo',
  'private',
  'international_org',
  'partner_administration',
] as const;
export const AVAILABILITIES = ['available', 'limited', 'unavailable'] as const;
export const ROSTER_STATUSES = ['active', 'inactive', 'archived'] as const;
export const CONSENT_BASES = ['consent', 'legitimate_interest', 'contract', 'public_task'] as const;
export const DEPLOYMENT_ROLES = ['lead_expert', 'expert', 'trainer', 'speaker', 'remote_support', 'peer_reviewer'] as const;
export const ACTIVITY_TYPES = [
  'fact_finding_mission',
  'workshop',
  'training',
  'training_of_trainers',
  'study_visit',
  'drafting_support',
  'webinar',
  'other',
] as const;
export const TEXT_LANGUAGES = ['en', 'fr', 'es', 'pt'] as const;

export type DomainCode = (typeof DOMAINS)[number]['code'];
export type TopicCode = (typeof TOPICS)[number]['code'];
export type RegionCode = (typeof REGIONS)[number]['code'];
export type ImpactAxisCode = (typeof IMPACT_AXES)[number]['code'];

/** A region and every region below it: filtering by Africa includes WCA and ESA. */
export function regionWithDescendants(code: string): string[] {
  const out = [code];
  for (const r of REGIONS) if (r.parent === code) out.push(...regionWithDescendants(r.code));
  return out;
}
