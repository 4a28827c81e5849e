import { useEffect, useState } from 'react';
import type { KbApi, KbError, Stats } from '../../shared/api';

/** The leaflet's key figures, computed live from the knowledge base. */
export function App({ api }: { api: KbApi }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<KbError | null>(null);
  useEffect(() => {
    void api.getStats({}).then((r) => (r.ok ? setStats(r.value) : setError(r.error)));
  }, [api]);
  return (
    <main>
      <h1>MIEUX+ Knowledge Base</h1>
      {error && <p role="alert">The key figures could not be loaded: {error.message}</p>}
      {stats && (
        <dl className="figures">
          <div><dt>Actions</dt><dd>{stats.actions}</dd></div>
          <div><dt>Experts deployed</dt><dd>{stats.expertsDeployed}</dd></div>
          <div><dt>EU officials</dt><dd>{stats.euOfficials}</dd></div>
          <div><dt>Member States represented</dt><dd>{stats.memberStates}</dd></div>
          <div><dt>Partner countries</dt><dd>{stats.countries}</dd></div>
          <div><dt>Lessons learned</dt><dd>{stats.lessons}</dd></div>
        </dl>
      )}
    </main>
  );
}
