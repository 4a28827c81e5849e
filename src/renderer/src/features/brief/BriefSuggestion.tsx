// One suggestion of the brief: what it is, its score and reason, the buttons to pin or remove it,
// and, on demand, how its score was made factor by factor, so the officer can trust or override it.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BriefFactor } from '../../../../shared/api';

export interface SuggestionItem {
  score: number;
  reason: string;
  factors: BriefFactor[];
  pinned: boolean;
}

export function Suggestion({ item, name, href, lang, subtitle, meta, children, onPin, onRemove, printFactors }: {
  item: SuggestionItem;
  /** The title, linked to the record; buttons and the explanation are named after it. */
  name: string;
  href: string;
  /** The language of a title written in the record's own language. */
  lang?: string;
  subtitle?: string;
  meta?: ReactNode;
  children?: ReactNode;
  onPin(): void;
  onRemove(): void;
  /** Printed even when closed on screen: the expert shortlist must show why each expert is there. */
  printFactors?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const tableId = useId();
  return (
    <li className={`brief-item${item.pinned ? ' pinned' : ''}`}>
      <div className="brief-item-head">
        <h3 className="brief-item-title">
          <a href={href} lang={lang}>
            {name}
          </a>
          {item.pinned && <span className="pin-badge">{t('brief.pinned')}</span>}
        </h3>
        <span className="score">{t('brief.score', { score: item.score })}</span>
      </div>
      {subtitle && <p className="brief-subtitle">{subtitle}</p>}
      {meta}
      <p className="reason" lang="en">
        {item.reason}
      </p>
      {children}
      <div className="brief-item-buttons no-print">
        <button type="button" aria-pressed={item.pinned} aria-label={t(item.pinned ? 'brief.unpinLabel' : 'brief.pinLabel', { name })} onClick={onPin}>
          {t(item.pinned ? 'brief.unpin' : 'brief.pin')}
        </button>
        <button type="button" aria-label={t('brief.removeLabel', { name })} onClick={onRemove}>
          {t('brief.remove')}
        </button>
        <button type="button" className="link-button" aria-expanded={open} aria-controls={tableId} aria-label={t('brief.whyLabel', { name })} onClick={() => setOpen((o) => !o)}>
          {t('brief.why')}
        </button>
      </div>
      <FactorTable id={tableId} factors={item.factors} score={item.score} caption={t('brief.whyLabel', { name })} className={`${open ? '' : 'collapsed'}${printFactors ? ' print-always' : ''}`} />
    </li>
  );
}

function FactorTable({ id, factors, score, caption, className }: { id: string; factors: BriefFactor[]; score: number; caption: string; className: string }) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 });
  return (
    <table id={id} className={`factor-table ${className}`}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('brief.factor')}</th>
          <th scope="col">{t('brief.found')}</th>
          <th scope="col" className="num">
            {t('brief.math')}
          </th>
        </tr>
      </thead>
      <tbody>
        {factors.map((f) => (
          <tr key={f.factor}>
            <th scope="row">{t(`brief.factors.${f.factor}` as never, { defaultValue: f.factor })}</th>
            <td lang="en">{f.detail}</td>
            <td className="num">
              {n.format(f.value)} × {n.format(f.weight)} = <strong>{n.format(f.points)}</strong>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            {t('brief.total')}
          </th>
          <td className="num">
            <strong>{n.format(score)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
