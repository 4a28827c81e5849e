// Schema 80: the French name of Eastern and Southern Africa written with the plain apostrophe,
// like every other French label ("Afrique de l'Ouest et du Centre" sat beside "Afrique de l’Est"
// in the facets).
import type { Database } from 'better-sqlite3';

export const migration0080 = {
  version: 80,
  name: 'region-label',
  up(db: Database): void {
    db.prepare("UPDATE regions SET label_fr = ? WHERE code = 'ESA'").run("Afrique de l'Est et australe");
  },
};
