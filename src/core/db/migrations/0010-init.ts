// Schema v1: every entity and field of DOMAIN.md, the shipped reference data, and the indexes the
// list and browse queries use. Immutable once released: later changes are new migrations.
import type { Database } from 'better-sqlite3';
import { DOMAINS, IMPACT_AXES, REGIONS, TOPICS } from '../../../shared/reference';
import { countryRows, languageRows } from '../../reference/reference-data';

const SCHEMA = `
CREATE TABLE domains (code TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_fr TEXT NOT NULL) STRICT;
CREATE TABLE topics (code TEXT PRIMARY KEY, domain TEXT NOT NULL REFERENCES domains(code), label_en TEXT NOT NULL, label_fr TEXT NOT NULL) STRICT;
CREATE TABLE regions (code TEXT PRIMARY KEY, parent TEXT REFERENCES regions(code), label_en TEXT NOT NULL, label_fr TEXT NOT NULL) STRICT;
CREATE TABLE impact_axes (code TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_fr TEXT NOT NULL) STRICT;
CREATE TABLE countries (code TEXT PRIMARY KEY, name_en TEXT NOT NULL, name_fr TEXT NOT NULL, region TEXT REFERENCES regions(code), eu_member INTEGER NOT NULL DEFAULT 0) STRICT;
CREATE INDEX countries_region ON countries(region);
CREATE TABLE languages (code TEXT PRIMARY KEY, name_en TEXT NOT NULL, name_fr TEXT NOT NULL) STRICT;

CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  title_en TEXT, title_fr TEXT,
  language TEXT NOT NULL,
  status TEXT NOT NULL,
  start_date TEXT, end_date TEXT,
  start_year INTEGER GENERATED ALWAYS AS (CAST(substr(start_date, 1, 4) AS INTEGER)) VIRTUAL,
  end_year INTEGER GENERATED ALWAYS AS (CAST(substr(coalesce(end_date, start_date), 1, 4) AS INTEGER)) VIRTUAL,
  domain TEXT NOT NULL REFERENCES domains(code),
  region TEXT REFERENCES regions(code),
  summary TEXT, objectives TEXT, activities TEXT, results TEXT,
  public_url TEXT, notes TEXT,
  -- folded (lower case, no accents): lists sort "Côte d'Ivoire" between "Costa Rica" and "Cuba"
  sort_code TEXT NOT NULL DEFAULT '', sort_title TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX actions_code ON actions(code COLLATE NOCASE);
CREATE INDEX actions_sort_code ON actions(sort_code);
CREATE INDEX actions_domain ON actions(domain, start_date);
CREATE INDEX actions_status ON actions(status);
CREATE INDEX actions_start ON actions(start_date);
CREATE INDEX actions_updated ON actions(updated_at);

CREATE TABLE action_aliases (action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE, position INTEGER NOT NULL, alias TEXT NOT NULL, PRIMARY KEY (action_id, position)) STRICT;
CREATE INDEX action_aliases_alias ON action_aliases(alias COLLATE NOCASE);
CREATE TABLE action_countries (action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE, country TEXT NOT NULL REFERENCES countries(code), position INTEGER NOT NULL, PRIMARY KEY (action_id, country)) STRICT;
CREATE INDEX action_countries_country ON action_countries(country, action_id);
CREATE TABLE action_topics (action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE, topic TEXT NOT NULL REFERENCES topics(code), position INTEGER NOT NULL, PRIMARY KEY (action_id, topic)) STRICT;
CREATE INDEX action_topics_topic ON action_topics(topic, action_id);
CREATE TABLE action_impact_axes (action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE, axis TEXT NOT NULL REFERENCES impact_axes(code), position INTEGER NOT NULL, PRIMARY KEY (action_id, axis)) STRICT;
CREATE TABLE action_partners (action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE, position INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (action_id, position)) STRICT;
CREATE TABLE action_expert_countries (action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE, country TEXT NOT NULL REFERENCES countries(code), position INTEGER NOT NULL, PRIMARY KEY (action_id, country)) STRICT;
CREATE INDEX action_expert_countries_country ON action_expert_countries(country, action_id);
-- "follow-up of": action_id follows related_id
CREATE TABLE action_relations (action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE, related_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE, position INTEGER NOT NULL, PRIMARY KEY (action_id, related_id)) STRICT;
CREATE INDEX action_relations_related ON action_relations(related_id);

CREATE TABLE lessons (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  context TEXT, lesson TEXT, recommendation TEXT,
  polarity TEXT NOT NULL,
  stage TEXT, evidence TEXT,
  review_status TEXT NOT NULL,
  language TEXT NOT NULL,
  author TEXT,
  recorded_on TEXT,
  recorded_year INTEGER GENERATED ALWAYS AS (CAST(substr(recorded_on, 1, 4) AS INTEGER)) VIRTUAL,
  sort_title TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX lessons_recorded ON lessons(recorded_on);
CREATE INDEX lessons_polarity ON lessons(polarity);
CREATE INDEX lessons_review ON lessons(review_status);
CREATE TABLE lesson_actions (lesson_id TEXT NOT NULL REFERENCES lessons(id) ON DELETE CASCADE, action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE, position INTEGER NOT NULL, PRIMARY KEY (lesson_id, action_id)) STRICT;
CREATE INDEX lesson_actions_action ON lesson_actions(action_id, lesson_id);
CREATE TABLE lesson_topics (lesson_id TEXT NOT NULL REFERENCES lessons(id) ON DELETE CASCADE, topic TEXT NOT NULL REFERENCES topics(code), position INTEGER NOT NULL, PRIMARY KEY (lesson_id, topic)) STRICT;
CREATE INDEX lesson_topics_topic ON lesson_topics(topic, lesson_id);
CREATE TABLE lesson_countries (lesson_id TEXT NOT NULL REFERENCES lessons(id) ON DELETE CASCADE, country TEXT NOT NULL REFERENCES countries(code), position INTEGER NOT NULL, PRIMARY KEY (lesson_id, country)) STRICT;
CREATE INDEX lesson_countries_country ON lesson_countries(country, lesson_id);
CREATE TABLE lesson_dac_criteria (lesson_id TEXT NOT NULL REFERENCES lessons(id) ON DELETE CASCADE, criterion TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (lesson_id, criterion)) STRICT;

CREATE TABLE experts (
  id TEXT PRIMARY KEY,
  given_name TEXT NOT NULL, family_name TEXT NOT NULL,
  email TEXT, phone TEXT,
  institution TEXT, position TEXT,
  member_state TEXT REFERENCES countries(code),
  sector TEXT NOT NULL,
  expertise TEXT,
  availability TEXT NOT NULL, availability_note TEXT,
  roster_status TEXT NOT NULL,
  last_confirmed_on TEXT,
  consent_given_on TEXT, consent_basis TEXT, consent_notice_version TEXT, consent_withdrawn_on TEXT,
  restricted INTEGER NOT NULL DEFAULT 0,
  notes TEXT,
  -- folded "family given" and institution: "Ávila" sorts with the A's, "Østergaard" with the O's
  sort_name TEXT NOT NULL DEFAULT '', sort_institution TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX experts_email ON experts(email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE INDEX experts_name ON experts(sort_name);
CREATE INDEX experts_member_state ON experts(member_state);
CREATE INDEX experts_availability ON experts(availability);
CREATE TABLE expert_languages (expert_id TEXT NOT NULL REFERENCES experts(id) ON DELETE CASCADE, code TEXT NOT NULL REFERENCES languages(code), level TEXT NOT NULL, level_rank INTEGER NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (expert_id, code)) STRICT;
CREATE INDEX expert_languages_code ON expert_languages(code, level_rank, expert_id);
CREATE TABLE expert_topics (expert_id TEXT NOT NULL REFERENCES experts(id) ON DELETE CASCADE, topic TEXT NOT NULL REFERENCES topics(code), position INTEGER NOT NULL, PRIMARY KEY (expert_id, topic)) STRICT;
CREATE INDEX expert_topics_topic ON expert_topics(topic, expert_id);

CREATE TABLE deployments (
  id TEXT PRIMARY KEY,
  expert_id TEXT NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
  action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  role TEXT NOT NULL, activity_type TEXT NOT NULL,
  start_date TEXT, end_date TEXT,
  start_year INTEGER GENERATED ALWAYS AS (CAST(substr(start_date, 1, 4) AS INTEGER)) VIRTUAL,
  days INTEGER, location TEXT, feedback TEXT, rating INTEGER,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX deployments_expert ON deployments(expert_id, start_date);
CREATE INDEX deployments_action ON deployments(action_id, start_date);
CREATE INDEX deployments_start ON deployments(start_date);
`;

export const migration0010 = {
  version: 10,
  name: 'init',
  up(db: Database): void {
    db.exec(SCHEMA);
    const ins = (sql: string, rows: Record<string, unknown>[]) => {
      const st = db.prepare(sql);
      for (const r of rows) st.run(r);
    };
    ins('INSERT INTO domains VALUES (@code, @en, @fr)', [...DOMAINS]);
    ins(
      'INSERT INTO topics VALUES (@code, @domain, @en, @fr)',
      TOPICS.map((t) => ({ ...t, domain: t.code.split('-')[0] })),
    );
    ins('INSERT INTO regions VALUES (@code, @parent, @en, @fr)', [...REGIONS]);
    ins('INSERT INTO impact_axes VALUES (@code, @en, @fr)', [...IMPACT_AXES]);
    ins(
      'INSERT INTO countries VALUES (@code, @en, @fr, @region, @eu)',
      countryRows().map((c) => ({ ...c, eu: c.euMember ? 1 : 0 })),
    );
    ins('INSERT INTO languages VALUES (@code, @en, @fr)', languageRows());
  },
};
