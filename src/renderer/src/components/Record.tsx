// Building blocks of the record pages: a definition list of facts and long texts that keep
// their paragraphs, in the record's own language.
import type { ReactNode } from 'react';

export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0));
  return (
    <dl className="record-facts">
      {shown.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function LongText({ title, text, lang }: { title: string; text: string | null; lang?: string }) {
  if (!text) return null;
  return (
    <section className="long-text" lang={lang}>
      <h2>{title}</h2>
      {text.split(/\n{2,}/).map((para, i) => (
        <p key={i}>{para}</p>
      ))}
    </section>
  );
}

export function Tags({ items }: { items: string[] }) {
  if (!items.length) return null;
  return (
    <ul className="tags">
      {items.map((x) => (
        <li key={x}>{x}</li>
      ))}
    </ul>
  );
}
