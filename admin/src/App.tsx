import { useCallback, useEffect, useState } from 'react';

const AREAS_QUERY = '{ areas(first: 20) { totalCount edges { node { name level } } } }';

interface Area {
  name: string;
  level: string;
}

type ApiState =
  | { status: 'loading' }
  | { status: 'ok'; totalCount: number; areas: Area[] }
  | { status: 'error'; message: string };

interface AreasResponse {
  data?: { areas?: { totalCount: number; edges: { node: Area }[] } | null } | null;
  errors?: { message: string }[];
}

const LEVEL_LABELS: Record<string, string> = {
  MUNICIPALITY: 'gemeente',
  DISTRICT: 'wijk',
  NEIGHBOURHOOD: 'buurt',
};

async function fetchAreas(signal: AbortSignal): Promise<{ totalCount: number; areas: Area[] }> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: AREAS_QUERY }),
    signal,
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json()) as AreasResponse;
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  const areas = body.data?.areas;
  if (!areas) throw new Error('Onverwacht antwoord van de API');
  return { totalCount: areas.totalCount, areas: areas.edges.map((edge) => edge.node) };
}

export function App() {
  const [state, setState] = useState<ApiState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchAreas(controller.signal)
      .then((result) => setState({ status: 'ok', ...result }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return (
    <main style={{ maxWidth: '40rem', margin: '2rem auto', padding: '0 1rem', fontFamily: 'system-ui, sans-serif', lineHeight: 1.5 }}>
      <h1>Schakel — sociale kaart</h1>
      <p>
        Hier komt de beheerapp van Schakel: het wijkdashboard, het beheer van de sociale kaart en de verwijzingen.
        Tot die klaar is, toont deze pagina alleen of de API bereikbaar is.
      </p>

      <section aria-labelledby="api-check">
        <h2 id="api-check">Verbinding met de API</h2>
        <div aria-live="polite">
          {state.status === 'loading' && <p>Gebieden ophalen…</p>}
          {state.status === 'error' && (
            <div role="alert">
              <p>
                <strong>API niet bereikbaar.</strong> {state.message}
              </p>
            </div>
          )}
          {state.status === 'ok' && (
            <>
              <p>
                De API werkt: {state.totalCount} {state.totalCount === 1 ? 'gebied' : 'gebieden'}
                {state.totalCount > state.areas.length ? ` (de eerste ${state.areas.length} staan hieronder)` : ''}.
              </p>
              {state.areas.length > 0 && (
                <ul>
                  {state.areas.map((area, index) => (
                    <li key={`${area.level}-${area.name}-${index}`}>
                      {area.name} <span>({LEVEL_LABELS[area.level] ?? area.level})</span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
        {state.status !== 'loading' && (
          <button type="button" onClick={retry}>
            Opnieuw controleren
          </button>
        )}
      </section>
    </main>
  );
}
