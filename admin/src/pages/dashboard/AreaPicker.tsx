import { Button, FormField, FormLabel, Select, SelectOption } from '@utrecht/component-library-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { AppLink } from '../../components/AppLink';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useAreaTree, type TreeArea } from '../../lib/areas';

/** Choose an area and open its dashboard (a form: changing the selection alone does not navigate). */
export function AreaPicker({ current }: { current?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { flat, loading, error, refetch } = useAreaTree();
  const [chosen, setChosen] = useState<string | null>(null);
  const selectId = useId();
  const value = chosen ?? current ?? flat[0]?.slug ?? '';

  if (loading && flat.length === 0) return <Loading label={t('dashboard.loadingAreas')} />;
  if (error && flat.length === 0) return <ErrorState error={error} onRetry={() => void refetch()} what={t('dashboard.areas')} />;
  if (flat.length === 0) return <Empty>{t('dashboard.noAreas')}</Empty>;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (value) navigate(`/wijken/${value}`);
  }

  return (
    <form className="app-toolbar" onSubmit={submit} aria-label={t('dashboard.pickArea')}>
      <FormField>
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor={selectId}>{t('dashboard.area')}</FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Select id={selectId} value={value} onChange={(event) => setChosen(event.currentTarget.value)}>
            {flat.map((area) => (
              <SelectOption key={area.id} value={area.slug}>
                {'\u00a0\u00a0\u00a0'.repeat(area.depth)}
                {t('dashboard.areaOption', { name: area.name, level: t(`areaLevel.${area.level}`) })}
              </SelectOption>
            ))}
          </Select>
        </div>
      </FormField>
      <Button appearance="primary-action-button" type="submit">
        {t('dashboard.show')}
      </Button>
    </form>
  );
}

/** Every area as a nested list of links. */
export function AreaTreeList({ areas, root = true }: { areas: TreeArea[]; root?: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className={root ? 'app-tree' : undefined}>
      {areas.map((area) => (
        <li key={area.id}>
          <AppLink to={`/wijken/${area.slug}`}>{area.name}</AppLink> <span className="app-muted">({t(`areaLevel.${area.level}`)})</span>
          {area.children.length > 0 && <AreaTreeList areas={area.children} root={false} />}
        </li>
      ))}
    </ul>
  );
}
