// The preparation brief (#/brief): a new request — or an existing Action — and, on one page, the
// similar past Actions, the lessons that apply and an expert shortlist, each with its reasons.
// The officer pins or removes suggestions and exports the result for colleagues and partners.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { BriefDraft, type Brief, type BriefList, type MethodInput } from '../../../../shared/api';
import { CEFR_LEVELS } from '../../../../shared/reference';
import type { Action } from '../../../../shared/schemas';
import { useApi } from '../../app/context';
import { navigate, replaceRoute, type Route } from '../../app/router';
import { downloadFile } from '../../components/download';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CodePicker, Fieldset, SelectField, TextArea, TextField } from '../../components/fields';
import { actionTitle, formatPartialDate, formatRange, useLabels, type Labels } from '../../components/labels';
import { Facts } from '../../components/Record';
import { useRecordNames } from '../../components/RecordPicker';
import { useAction } from '../../components/useAction';
import { useCall } from '../../components/useCall';
import { BRIEF_LISTS, briefHref, draftOf, hasRequest, parseBriefQuery, prepareInput, removeItem, requestKey, togglePin, undoRemove, unpinAll, type BriefQuery, type BriefRequestFields } from './briefQuery';
import { Suggestion } from './BriefSuggestion';

export function BriefPage({ route }: { route: Route }) {
  const { t } = useTranslation();
  const api = useApi();
  const query = parseBriefQuery(route.params);
  const source = useCall(() => (query.actionId ? api.getAction({ id: query.actionId }) : Promise.resolve({ ok: true as const, value: null })), [api, query.actionId]);
  const asked = hasRequest(query);
  return (
    <div className="page brief">
      <h1>{t('brief.title')}</h1>
      <p className="lead no-print">{t('brief.lead')}</p>
      {source.error && <ErrorNotice what={t('errors.load', { what: t('types.action') })} error={source.error} onRetry={source.reload} />}
      {/* The request beside its brief: a change to it and its effect are seen together. */}
      <div className="brief-layout">
        {!(query.actionId && source.loading) && <RequestForm key={`${requestKey(query)}|${source.value?.id ?? ''}`} query={query} source={source.value} />}
        <div className="brief-main">
          {asked ? (
            <BriefResults query={query} />
          ) : (
            <section className="empty-state no-print">
              <h2>{t('brief.emptyTitle')}</h2>
              <p>{t('brief.emptyHelp')}</p>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}

/** Codes the core sends as plain strings, in words; an unknown code shows as it is. */
const enumText = (t: TFunction, group: 'status' | 'polarity' | 'level', code: string) => t(`enums.${group}.${code}` as never, { defaultValue: code });

const hasDraft = (q: BriefRequestFields) => Boolean(q.countries.length || q.domain || q.topics.length || q.text || q.from || q.to);

function RequestForm({ query, source }: { query: BriefQuery; source: Action | null }) {
  const { t } = useTranslation();
  const labels = useLabels();
  // From an Action, the form starts with its values so the officer sees what the brief uses.
  const [fields, setFields] = useState<BriefRequestFields>(
    source && !hasDraft(query) ? { ...query, countries: source.countries, domain: source.domain, topics: source.topics, from: source.startDate ?? '', to: source.endDate ?? '' } : query,
  );
  const [tried, setTried] = useState(false);
  const set = <K extends keyof BriefRequestFields>(k: K, v: BriefRequestFields[K]) => setFields((f) => ({ ...f, [k]: v }));
  const parsed = BriefDraft.safeParse(draftOf(fields));
  const invalid = new Set(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0])));
  const dateError = (k: 'from' | 'to') => (tried && invalid.has(k) ? t('brief.dateError') : undefined);
  const nothing = !hasRequest({ ...fields, actionId: query.actionId });
  const domainOf = new Map((labels.reference?.topics ?? []).map((x) => [x.code, x.domain]));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    // Only the typed dates can be wrong here: the pickers offer known codes only, and a code from a
    // hand-edited address is refused by the core, whose message the results show.
    if (!invalid.has('from') && !invalid.has('to') && !nothing) navigate(briefHref({ ...query, ...fields }));
  };

  return (
    <form className="brief-form no-print" onSubmit={onSubmit} noValidate>
      <Fieldset legend={t('brief.request')}>
        {source && (
          <div className="field wide brief-source">
            <p>
              <a href={`#/actions/${source.id}`}>{t('brief.fromAction', { code: source.code })}</a>{' '}
              <a className="button" href={briefHref({ ...query, ...fields, actionId: '' })}>
                {t('brief.detach')}
              </a>
            </p>
            <span className="hint">{t('brief.fromActionHint')}</span>
          </div>
        )}
        <CodePicker label={t('brief.countries')} placeholder={t('brief.countryPlaceholder')} value={fields.countries} onChange={(v) => set('countries', v)} options={labels.options('country')} />
        <SelectField
          label={t('brief.domain')}
          value={fields.domain}
          emptyLabel={t('brief.anyDomain')}
          options={labels.options('domain')}
          onChange={(v) => setFields((f) => ({ ...f, domain: v, topics: v ? f.topics.filter((x) => domainOf.get(x) === v) : f.topics }))}
        />
        <SelectField label={t('brief.level')} hint={t('brief.levelHint')} value={fields.languageLevel} options={CEFR_LEVELS.map((l) => ({ code: l, label: enumText(t, 'level', l) }))} onChange={(v) => set('languageLevel', v)} />
        <CodePicker
          label={t('brief.topics')}
          placeholder={t('brief.topicPlaceholder')}
          hint={fields.domain ? t('brief.topicsHint') : undefined}
          value={fields.topics}
          onChange={(v) => set('topics', v)}
          // An Action's own topics may belong to other domains: they stay listed so their chips keep their labels.
          options={labels.options('topic').filter((o) => !fields.domain || domainOf.get(o.code) === fields.domain || fields.topics.includes(o.code))}
        />
        <TextArea label={t('brief.text')} hint={t('brief.textHint')} rows={3} value={fields.text} onChange={(v) => set('text', v)} />
        <TextField label={t('brief.from')} hint={t('actions.dateHint')} value={fields.from} error={dateError('from')} onChange={(v) => set('from', v)} />
        <TextField label={t('brief.to')} hint={t('actions.dateHint')} value={fields.to} error={dateError('to')} onChange={(v) => set('to', v)} />
      </Fieldset>
      {tried && nothing && (
        <p className="form-problems" role="alert">
          {t('brief.needSomething')}
        </p>
      )}
      <div className="brief-submit">
        <button type="submit" className="primary">
          {t('brief.prepare')}
        </button>
      </div>
    </form>
  );
}

function BriefResults({ query }: { query: BriefQuery }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useLabels();
  const input = prepareInput(query);
  const inputKey = JSON.stringify(input);
  const brief = useCall(() => api.prepareBrief(input), [api, inputKey]);
  // Pins and removals adjust the brief shown: the address changes in place, Back leaves the brief.
  const adjust = (q: BriefQuery) => replaceRoute(briefHref(q));

  if (brief.error) return <ErrorNotice what={t('errors.load', { what: t('brief.loadFailed') })} error={brief.error} onRetry={brief.reload} />;
  const b = brief.value;
  if (!b) return <p role="status">{t('common.loading')}</p>;
  const handlers = (list: BriefList, id: string) => ({ onPin: () => adjust(togglePin(query, list, id)), onRemove: () => adjust(removeItem(query, list, id)) });
  const droppedCount = BRIEF_LISTS.reduce((n, l) => n + b.dropped[l].length, 0);

  return (
    <div className="brief-results" aria-busy={brief.loading}>
      <RequestSummary brief={b} description={query.text} labels={labels} />
      {/* An empty brief has nothing worth a document. */}
      {b.actions.length + b.lessons.length + b.experts.length > 0 && <ExportBar input={input} />}
      {labels.lang !== 'en' && <p className="hint no-print">{t('brief.englishNote')}</p>}
      {droppedCount > 0 && (
        <p className="brief-dropped no-print" role="status">
          {t('brief.dropped', { count: droppedCount })}{' '}
          <button type="button" className="link-button" onClick={() => adjust(unpinAll(query, b.dropped))}>
            {t('brief.forgetDropped')}
          </button>
        </p>
      )}

      <BriefSection id="brief-actions" title={t('brief.actions')} count={b.actions.length} empty={t('brief.noActions')}>
        {b.actions.map((a) => {
          const title = actionTitle(a, labels.lang);
          const name = title.startsWith(a.code) ? title : `${a.code} — ${title}`;
          return (
            <Suggestion
              key={a.id}
              item={a}
              name={name}
              href={`#/actions/${a.id}`}
              meta={
                <ul className="facts">
                  <li>{enumText(t, 'status', a.status)}</li>
                  {(a.startDate || a.endDate) && <li>{formatRange(a.startDate, a.endDate, labels.lang, a.status === 'ongoing' ? t('actions.ongoing') : '…')}</li>}
                  {a.countries.length > 0 && <li>{a.countries.map((c) => labels.label('country', c)).join(', ')}</li>}
                </ul>
              }
              {...handlers('actions', a.id)}
            />
          );
        })}
      </BriefSection>

      <BriefSection id="brief-lessons" title={t('brief.lessons')} count={b.lessons.length} empty={t('brief.noLessons')}>
        {b.lessons.map((l) => (
          <Suggestion
            key={l.id}
            item={l}
            name={l.title}
            href={`#/lessons/${l.id}`}
            lang={l.language}
            meta={
              <ul className="facts">
                <li>{enumText(t, 'polarity', l.polarity)}</li>
                <li>{enumText(t, 'status', l.reviewStatus)}</li>
                {l.actions.length > 0 && (
                  <li>
                    {t('brief.learnedOn')}{' '}
                    {l.actions.map((a, i) => (
                      <span key={a.id}>
                        {i > 0 && ', '}
                        <a href={`#/actions/${a.id}`}>{a.code}</a>
                      </span>
                    ))}
                  </li>
                )}
                {l.recordedOn && <li>{formatPartialDate(l.recordedOn, labels.lang)}</li>}
              </ul>
            }
            {...handlers('lessons', l.id)}
          >
            {(l.recommendation ?? l.lesson) && (
              <p className="snippet brief-snippet" lang={l.language}>
                {l.recommendation ?? l.lesson}
              </p>
            )}
          </Suggestion>
        ))}
      </BriefSection>

      <BriefSection id="brief-experts" title={t('brief.experts')} count={b.experts.length} empty={t('brief.noExperts')}>
        {b.experts.map((x) => (
          <Suggestion
            key={x.id}
            item={x}
            name={x.name}
            href={`#/experts/${x.id}`}
            printFactors
            subtitle={[x.position, x.institution].filter(Boolean).join(', ')}
            meta={
              <ul className="facts">
                {x.memberState && <li>{labels.label('country', x.memberState)}</li>}
                {x.languages.length > 0 && <li>{x.languages.map((l) => `${labels.label('language', l.code)} ${enumText(t, 'level', l.level)}`).join(', ')}</li>}
                <li>
                  <span className={`status availability-${x.availability}`}>{enumText(t, 'status', x.availability)}</span>
                </li>
              </ul>
            }
            {...handlers('experts', x.id)}
          >
            {x.availabilityNote && <p className="snippet brief-snippet">{x.availabilityNote}</p>}
          </Suggestion>
        ))}
      </BriefSection>

      <RemovedList query={query} onUndo={(list, id) => adjust(undoRemove(query, list, id))} />
    </div>
  );
}

function BriefSection({ id, title, count, empty, children }: { id: string; title: string; count: number; empty: string; children: ReactNode }) {
  return (
    <section className="brief-section" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="count-badge">{count}</span>
      </h2>
      {count === 0 ? <p className="empty">{empty}</p> : <ol className="brief-list">{children}</ol>}
    </section>
  );
}

function RequestSummary({ brief, description, labels }: { brief: Brief; description: string; labels: Labels }) {
  const { t } = useTranslation();
  const r = brief.request;
  const list = (kind: 'country' | 'region' | 'topic', codes: string[]) => codes.map((c) => labels.label(kind, c)).join(', ');
  const languages = r.languages.map((l) => t('brief.countryLanguages', { country: labels.label('country', l.country), languages: [...l.official, ...l.working].map((c) => labels.label('language', c)).join(', ') || '—' })).join('; ');
  return (
    <section className="brief-request" aria-labelledby="brief-request-title">
      <h2 id="brief-request-title">{t('brief.summary')}</h2>
      <Facts
        rows={[
          [t('brief.countries'), list('country', r.countries)],
          [t('brief.regions'), list('region', r.regions)],
          [t('brief.domain'), labels.label('domain', r.domain)],
          [t('brief.topics'), list('topic', r.topics)],
          [t('brief.period'), formatRange(r.from, r.to, labels.lang, '…')],
          [t('brief.workingLanguages'), languages ? t('brief.languageNeed', { languages, level: enumText(t, 'level', r.languageLevel) }) : ''],
          [t('brief.text'), description],
          [t('brief.searchedFor'), r.textTerms.join(', ')],
        ]}
      />
      {/* On screen the form says it already; the printed brief has no form. */}
      {r.action && (
        <p className="hint print-only">
          <a href={`#/actions/${r.action.id}`}>{t('brief.fromAction', { code: r.action.code })}</a>
        </p>
      )}
    </section>
  );
}

function ExportBar({ input }: { input: MethodInput<'prepareBrief'> }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const exporting = useAction((format: 'html' | 'bundle') => api.exportBrief({ brief: input, format, lang: i18n.language === 'fr' ? 'fr' : 'en' }));
  const { busy, error } = exporting;
  const download = async (format: 'html' | 'bundle') => {
    const file = await exporting.run(format);
    if (file) downloadFile(file.fileName, file.content, file.mimeType);
  };
  return (
    <div className="brief-tools no-print" role="group" aria-label={t('brief.export')}>
      <button type="button" disabled={busy} onClick={() => void download('html')}>
        {t('brief.downloadHtml')}
      </button>
      {/* The PDF is this page printed: the print styles drop the app's chrome and buttons. The
          exported HTML cannot be printed from inside the app instead: the app's policy forbids
          frames and inline styles, which a frame of that self-contained page would need. */}
      <button type="button" title={t('brief.printHint')} onClick={() => window.print()}>
        {t('brief.print')}
      </button>
      <button type="button" disabled={busy} onClick={() => void download('bundle')}>
        {t('brief.downloadBundle')}
      </button>
      {busy && <span role="status">{t('brief.exporting')}</span>}
      {error && <ErrorNotice what={t('brief.exportFailed')} error={error} />}
    </div>
  );
}

function RemovedList({ query, onUndo }: { query: BriefQuery; onUndo(list: BriefList, id: string): void }) {
  const { t } = useTranslation();
  const names = {
    actions: useRecordNames('action', query.removed.actions),
    lessons: useRecordNames('lesson', query.removed.lessons),
    experts: useRecordNames('expert', query.removed.experts),
  };
  const removed = BRIEF_LISTS.flatMap((list) => query.removed[list].map((id) => ({ list, id, name: names[list][id] ?? '…' })));
  if (!removed.length) return null;
  return (
    <section className="brief-removed no-print" aria-labelledby="brief-removed-title">
      <h2 id="brief-removed-title">{t('brief.removedTitle')}</h2>
      <ul>
        {removed.map((r) => (
          <li key={`${r.list}:${r.id}`}>
            <span>{r.name}</span>
            <button type="button" className="link-button" aria-label={t('brief.undoLabel', { name: r.name })} onClick={() => onUndo(r.list, r.id)}>
              {t('brief.undo')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
