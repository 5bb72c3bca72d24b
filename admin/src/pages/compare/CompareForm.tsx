import { Button, Checkbox, Fieldset, FieldsetLegend, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel } from '@utrecht/component-library-react';
import '@utrecht/checkbox-css/dist/index.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useAreaTree } from '../../lib/areas';
import { MAX_AREAS, MIN_AREAS } from './documents';

/**
 * Which areas to compare (in the area tree) and for which year. The choice is checked here —
 * it only builds the page's address — and applied as a whole, so each comparison is a link.
 */
export function CompareForm({ areas, year, onApply }: { areas: string[]; year: number | null; onApply(next: { areas: string[]; year: string }): void }) {
  const { t } = useTranslation();
  const { flat, loading, error, refetch } = useAreaTree();
  const [chosen, setChosen] = useState<string[]>(areas);
  const [yearText, setYearText] = useState(year ? String(year) : '');
  const [problem, setProblem] = useState<{ field: 'areas' | 'year'; message: string } | null>(null);
  const firstBox = useRef<HTMLInputElement>(null);
  const yearRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (problem?.field === 'areas') firstBox.current?.focus();
    if (problem?.field === 'year') yearRef.current?.focus();
  }, [problem]);

  if (loading && flat.length === 0) return <Loading label={t('dashboard.loadingAreas')} />;
  if (error && flat.length === 0) return <ErrorState error={error} onRetry={() => void refetch()} what={t('dashboard.areas')} />;
  if (flat.length === 0) return <Empty>{t('dashboard.noAreas')}</Empty>;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (chosen.length < MIN_AREAS) return setProblem({ field: 'areas', message: t('compare.errorTooFew', { min: MIN_AREAS }) });
    if (chosen.length > MAX_AREAS) return setProblem({ field: 'areas', message: t('compare.errorTooMany', { max: MAX_AREAS }) });
    if (yearText.trim() && !/^\d{4}$/.test(yearText.trim())) return setProblem({ field: 'year', message: t('compare.errorYear') });
    setProblem(null);
    // In tree order, so the columns follow the area tree.
    onApply({ areas: flat.filter((a) => chosen.includes(a.slug)).map((a) => a.slug), year: yearText });
  }

  const areasError = problem?.field === 'areas' ? problem.message : null;
  const toggle = (slug: string, on: boolean) => setChosen((list) => (on ? [...list.filter((s) => s !== slug), slug] : list.filter((s) => s !== slug)));

  return (
    <form className="app-form app-compare-form" onSubmit={submit} noValidate aria-label={t('compare.formLabel')}>
      <Fieldset invalid={Boolean(areasError)} aria-describedby={['compare-areas-description', areasError ? 'compare-areas-error' : ''].filter(Boolean).join(' ')}>
        <FieldsetLegend>{t('compare.areasLegend')}</FieldsetLegend>
        <FormFieldDescription id="compare-areas-description" className="utrecht-form-field__description">
          {t('compare.areasHint', { min: MIN_AREAS, max: MAX_AREAS })}
        </FormFieldDescription>
        {areasError && (
          <FormFieldErrorMessage id="compare-areas-error" className="utrecht-form-field__error-message">
            {areasError}
          </FormFieldErrorMessage>
        )}
        <ul className="app-checklist">
          {flat.map((area, index) => {
            const id = `compare-area-${area.slug}`;
            const checked = chosen.includes(area.slug);
            return (
              <li key={area.id} className={`app-checklist__item app-checklist__item--depth-${Math.min(area.depth, 3)}`}>
                <FormField type="checkbox">
                  <div className="utrecht-form-field__input">
                    <Checkbox
                      id={id}
                      name="gebieden"
                      value={area.slug}
                      ref={index === 0 ? firstBox : undefined}
                      checked={checked}
                      invalid={Boolean(areasError)}
                      onChange={(event) => toggle(area.slug, event.currentTarget.checked)}
                    />
                  </div>
                  <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                    <FormLabel htmlFor={id} type="checkbox" checked={checked}>
                      {t('dashboard.areaOption', { name: area.name, level: t(`areaLevel.${area.level}`) })}
                    </FormLabel>
                  </div>
                </FormField>
              </li>
            );
          })}
        </ul>
      </Fieldset>
      <TextField
        id="compare-year"
        label={t('compare.year')}
        description={t('compare.yearHint')}
        value={yearText}
        onChange={setYearText}
        error={problem?.field === 'year' ? problem.message : null}
        inputRef={yearRef}
      />
      <Button appearance="primary-action-button" type="submit">
        {t('compare.submit')}
      </Button>
    </form>
  );
}
