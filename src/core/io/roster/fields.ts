// Which expert field a spreadsheet column holds, from its header in English or French, and the
// labels our own exports write (so an exported file maps itself back without help).
import type { RosterField } from '../../../shared/api';

/** Lower case, no accents, punctuation as spaces: "E-mail", "Courriel ", "Prénom" compare as words. */
export function foldHeader(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The header our exports write for each field; also recognised on import. */
export const FIELD_LABELS: Record<RosterField, string> = {
  id: 'Id',
  fullName: 'Full name',
  givenName: 'Given name',
  familyName: 'Family name',
  email: 'E-mail',
  phone: 'Phone',
  institution: 'Institution',
  position: 'Position',
  memberState: 'Member State',
  sector: 'Sector',
  languages: 'Languages',
  topics: 'Topics',
  expertise: 'Expertise',
  availability: 'Availability',
  availabilityNote: 'Availability note',
  rosterStatus: 'Roster status',
  lastConfirmedOn: 'Last confirmed on',
  consentGivenOn: 'Consent given on',
  consentBasis: 'Consent basis',
  consentNoticeVersion: 'Consent notice version',
  consentWithdrawnOn: 'Consent withdrawn on',
  restricted: 'Restricted',
  notes: 'Notes',
};

const SYNONYMS: Record<RosterField, string[]> = {
  id: ['uuid', 'identifiant', 'expert id'],
  fullName: ['name', 'nom complet', 'nom et prenom', 'nom prenom', 'prenom nom', 'expert', 'experte', 'expert name', 'nom de l expert'],
  givenName: ['prenom', 'prenoms', 'first name', 'firstname', 'forename', 'given names'],
  familyName: ['nom', 'nom de famille', 'last name', 'lastname', 'surname', 'family name'],
  email: ['email', 'e mail', 'courriel', 'mail', 'adresse electronique', 'adresse email', 'adresse e mail', 'adresse courriel', 'email address', 'e mail address'],
  phone: ['telephone', 'tel', 'phone number', 'mobile', 'portable', 'gsm', 'numero de telephone', 'telephone number', 'cell phone'],
  institution: ['organisation', 'organization', 'employer', 'employeur', 'administration', 'ministry', 'ministere', 'agency', 'agence', 'service', 'organisme'],
  position: ['poste', 'fonction', 'job title', 'role', 'grade', 'titre du poste'],
  memberState: ['pays', 'country', 'etat membre', 'member state', 'pays de l employeur', 'country of employer'],
  sector: ['secteur', 'type d institution', 'institution type'],
  languages: ['langues', 'language', 'langue', 'language skills', 'competences linguistiques', 'langues parlees', 'spoken languages'],
  topics: ['thematiques', 'themes', 'sujets', 'topic', 'thematique', 'sous domaines', 'topic codes'],
  expertise: ['domaine', 'domaines', 'domaine d expertise', 'domaines d expertise', 'domain', 'domains', 'field of expertise', 'area of expertise', 'areas of expertise', 'competences', 'skills', 'profil', 'profile'],
  availability: ['disponibilite', 'available'],
  availabilityNote: ['note de disponibilite', 'remarque disponibilite', 'disponibilite remarque', 'availability comment'],
  rosterStatus: ['statut', 'status', 'statut roster'],
  lastConfirmedOn: ['derniere confirmation', 'confirme le', 'confirmed on', 'last confirmed', 'date de confirmation', 'derniere mise a jour', 'last update', 'mis a jour le'],
  consentGivenOn: ['consentement', 'date du consentement', 'consent date', 'consent', 'consentement donne le'],
  consentBasis: ['base du consentement', 'base juridique', 'legal basis'],
  consentNoticeVersion: ['version de la notice', 'notice version', 'privacy notice version'],
  consentWithdrawnOn: ['consentement retire le', 'retrait du consentement', 'consent withdrawn'],
  restricted: ['restreint', 'confidentiel', 'acces restreint'],
  notes: ['remarques', 'commentaires', 'comments', 'observations', 'note', 'remarks'],
};

const BY_HEADER = new Map<string, RosterField>();
for (const [field, words] of Object.entries(SYNONYMS) as [RosterField, string[]][]) {
  for (const w of [...words, foldHeader(FIELD_LABELS[field]), foldHeader(field.replace(/([A-Z])/g, ' $1'))]) BY_HEADER.set(foldHeader(w), field);
}

/** One field per column, each field at most once (the first column claiming it wins). */
export function suggestMapping(headers: readonly string[]): (RosterField | null)[] {
  const taken = new Set<RosterField>();
  const mapping = headers.map((h) => {
    const f = BY_HEADER.get(foldHeader(h));
    if (!f || taken.has(f)) return null;
    taken.add(f);
    return f;
  });
  // A full-name column next to given and family name columns is a duplicate of them.
  if (taken.has('givenName') && taken.has('familyName') && taken.has('fullName')) return mapping.map((f) => (f === 'fullName' ? null : f));
  return mapping;
}

/** The key a remembered mapping is stored under: the folded headers in order. */
export function headerKey(headers: readonly string[]): string {
  return headers.map(foldHeader).join('\u001f');
}
