// Experts as vCard 4.0 (RFC 6350), for address books: UTF-8, CRLF, lines folded at 75 octets,
// text values escaped; phones as tel: URIs when they are international.
import type { Expert } from '../../../shared/schemas';

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');

/** Folds at 75 octets without cutting a UTF-8 character: continuation lines start with a space. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

function card(e: Expert): string {
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    `UID:urn:uuid:${e.id}`,
    `FN:${esc(`${e.givenName} ${e.familyName}`)}`,
    `N:${esc(e.familyName)};${esc(e.givenName)};;;`,
  ];
  if (e.email) lines.push(`EMAIL;TYPE=work:${esc(e.email)}`);
  if (e.phone) {
    const compact = e.phone.replace(/[\s.\-()/]/g, '');
    lines.push(/^\+\d+$/.test(compact) ? `TEL;VALUE=uri;TYPE=work,voice:tel:${compact}` : `TEL;VALUE=text;TYPE=work,voice:${esc(e.phone)}`);
  }
  if (e.institution) lines.push(`ORG:${esc(e.institution)}`);
  if (e.position) lines.push(`TITLE:${esc(e.position)}`);
  e.languages.forEach((l, i) => lines.push(`LANG;PREF=${i + 1}:${l.code}`));
  if (e.memberState) lines.push(`ADR;TYPE=work:;;;;;;${e.memberState}`);
  if (e.expertise) lines.push(`NOTE:${esc(e.expertise)}`);
  lines.push(`REV:${e.updatedAt.replace(/[-:]/g, '').replace(/\.\d+/, '')}`, 'END:VCARD');
  return lines.map(fold).join('\r\n') + '\r\n';
}

export function expertsToVcard(experts: readonly Expert[]): string {
  return experts.map(card).join('');
}
