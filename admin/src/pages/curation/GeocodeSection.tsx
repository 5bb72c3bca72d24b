import { Alert, Button, ButtonGroup, Checkbox, Paragraph, TableBody, TableCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RadioGroup } from '../../components/choices';
import { ScrollTable } from '../../components/ScrollTable';

/** One location of `GET /imports/geocode/locations` (api/src/modules/cbs-import/cbs-import.router.ts). */
interface Proposal {
  id: string;
  slug: string;
  name: string;
  address: string | null;
  postcode: string | null;
  candidates: Array<{ address: string; latitude: number; longitude: number }>;
  problem: string | null;
}

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'proposals'; locations: Proposal[] }
  | { kind: 'failed'; message: string }
  | { kind: 'saved'; count: number }
  | { kind: 'refused'; messages: string[] };

/**
 * Positions of the locations without one, proposed by the configured geocoder (PDOK's
 * Locatieserver, GEOCODER_URL) from their postcode and house number, and saved only for the
 * proposals the admin confirms: as `slug,latitude,longitude` rows through the CSV import of
 * locations (POST /csv/locations), so the location's own rules and history apply.
 */
export function GeocodeSection() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  /** The candidate chosen per location (slug → index), when the geocoder gave several; the first otherwise. */
  const [picked, setPicked] = useState<Map<string, number>>(new Map());
  const candidateOf = (location: Proposal) => location.candidates[picked.get(location.slug) ?? 0] ?? location.candidates[0];

  async function propose() {
    setState({ kind: 'loading' });
    const response = await fetch('/imports/geocode/locations?first=50', { credentials: 'same-origin' }).catch(() => null);
    if (!response) return setState({ kind: 'failed', message: t('error.network') });
    const body = (await response.json().catch(() => null)) as { locations?: Proposal[]; error?: { message: string } } | null;
    if (!response.ok || !body?.locations) {
      return setState({ kind: 'failed', message: response.status === 503 ? t('imports.geocode.unavailable') : (body?.error?.message ?? `HTTP ${response.status}`) });
    }
    setPicked(new Map());
    setChosen(new Set(body.locations.filter((location) => location.candidates.length > 0).map((location) => location.slug)));
    setState({ kind: 'proposals', locations: body.locations });
  }

  async function save(locations: Proposal[]) {
    const rows = locations.filter((location) => chosen.has(location.slug) && location.candidates.length > 0);
    const csv = ['slug,latitude,longitude', ...rows.map((location) => `${location.slug},${candidateOf(location).latitude},${candidateOf(location).longitude}`)].join('\r\n');
    const response = await fetch('/csv/locations', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'text/csv; charset=utf-8' }, body: `${csv}\r\n` }).catch(() => null);
    if (!response) return setState({ kind: 'failed', message: t('error.network') });
    const body = (await response.json().catch(() => null)) as { updated?: number; errors?: Array<{ row: number | null; message: string }> } | null;
    if (response.ok && typeof body?.updated === 'number') return setState({ kind: 'saved', count: body.updated });
    setState({ kind: 'refused', messages: body?.errors?.map((error) => `${error.row ?? ''} ${error.message}`.trim()) ?? [`HTTP ${response.status}`] });
  }

  const toggle = (slug: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(slug);
      else next.delete(slug);
      return next;
    });

  return (
    <>
      <ButtonGroup>
        <Button appearance="secondary-action-button" busy={state.kind === 'loading'} disabled={state.kind === 'loading'} onClick={() => void propose()}>
          {t('imports.geocode.propose')}
        </Button>
      </ButtonGroup>
      <div aria-live="polite">
        {state.kind === 'failed' && <Alert type="error">{state.message}</Alert>}
        {state.kind === 'saved' && <Alert type="ok">{t('imports.geocode.saved', { count: state.count })}</Alert>}
        {state.kind === 'refused' && (
          <Alert type="error">
            <Paragraph>{t('imports.geocode.refused')}</Paragraph>
            <Paragraph>{state.messages.join('; ')}</Paragraph>
          </Alert>
        )}
        {state.kind === 'proposals' && state.locations.length === 0 && <Paragraph>{t('imports.geocode.none')}</Paragraph>}
      </div>
      {state.kind === 'proposals' && state.locations.length > 0 && (
        <>
          <ScrollTable caption={t('imports.geocode.caption', { count: state.locations.length })} columns={[t('imports.geocode.take'), t('imports.geocode.location'), t('imports.geocode.address'), t('imports.geocode.proposal')]}>
            <TableBody>
              {state.locations.map((location) => {
                const candidate = candidateOf(location);
                const id = `geocode-${location.slug}`;
                return (
                  <TableRow key={location.id}>
                    <TableCell>
                      {candidate && (
                        <Checkbox
                          id={id}
                          aria-label={t('imports.geocode.takeFor', { name: location.name })}
                          checked={chosen.has(location.slug)}
                          onChange={(event) => toggle(location.slug, event.currentTarget.checked)}
                        />
                      )}
                    </TableCell>
                    <TableCell>{location.name}</TableCell>
                    <TableCell>{[location.address, location.postcode].filter(Boolean).join(', ')}</TableCell>
                    <TableCell>
                      {location.candidates.length > 1 ? (
                        <RadioGroup
                          id={`${id}-candidate`}
                          legend={t('imports.geocode.chooseFor', { name: location.name, number: location.candidates.length })}
                          options={location.candidates.map((option, index) => ({
                            value: String(index),
                            label: t('imports.geocode.candidate', { address: option.address, latitude: option.latitude, longitude: option.longitude }),
                          }))}
                          value={String(picked.get(location.slug) ?? 0)}
                          onChange={(value) => setPicked((current) => new Map(current).set(location.slug, Number(value)))}
                        />
                      ) : candidate ? (
                        t('imports.geocode.candidate', { address: candidate.address, latitude: candidate.latitude, longitude: candidate.longitude })
                      ) : (
                        t('imports.geocode.noCandidate')
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </ScrollTable>
          <ButtonGroup>
            <Button appearance="primary-action-button" disabled={chosen.size === 0} onClick={() => void save(state.locations)}>
              {t('imports.geocode.save', { count: chosen.size })}
            </Button>
          </ButtonGroup>
        </>
      )}
    </>
  );
}
