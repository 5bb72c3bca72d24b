import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ComboboxField } from '../../../components/Combobox';
import { ProblemSummary } from '../../../components/ProblemSummary';
import { graphql } from '../../../gql';
import { editPath } from '../../../lib/paths';
import { useOrganisationPicker } from '../../../lib/pickers';
import { useChange } from '../../../lib/useChange';

export const OrganisationMergePreviewDocument = graphql(`
  query OrganisationMergePreview($sourceId: ID!, $targetId: ID!) {
    organisationMergePreview(sourceId: $sourceId, targetId: $targetId) {
      services
      locations
      keyPersons
      networkMemberships
      coordinatedNetworks
      partnerServices
      childOrganisations
      users
      apiKeys
      webhooks
    }
    organisation(id: $targetId) {
      id
      name
      version
    }
  }
`);

export const MergeOrganisationsDocument = graphql(`
  mutation MergeOrganisations($input: MergeOrganisationsInput!) {
    mergeOrganisations(input: $input) {
      id
      version
    }
  }
`);

const COUNTS = ['services', 'locations', 'keyPersons', 'networkMemberships', 'coordinatedNetworks', 'partnerServices', 'childOrganisations', 'users', 'apiKeys', 'webhooks'] as const;
type Counts = Record<(typeof COUNTS)[number], number>;

/**
 * "Samenvoegen" on an organisation's edit page (admins): pick the organisation this one is the
 * same as (the searchable combobox), see what would move to it (counted by the API; referrals
 * are not counted), confirm, and go to that organisation. This one is archived as merged into it.
 */
export function MergePanel({ organisation }: { organisation: { id: string; name: string; version: number } }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const navigate = useNavigate();
  const headingId = useId();
  const picker = useOrganisationPicker();
  const options = useMemo(() => picker.options.filter((option) => option.value !== organisation.id), [picker.options, organisation.id]);
  const [targetId, setTargetId] = useState('');
  const [preview, setPreview] = useState<{ counts: Counts; target: { id: string; name: string; version: number } } | null>(null);
  const change = useChange({});
  const [merge] = useMutation(MergeOrganisationsDocument);

  // The API refuses a merge that would give the target two records of one name: it lists them.
  const refused = change.problem?.kind === 'fields' ? change.problem.rules.sourceId : undefined;
  const twins =
    refused?.rule === 'mergeDuplicates' && Array.isArray(refused.params.records)
      ? (refused.params.records as Array<{ name?: unknown }>).map((record) => String(record.name)).join(', ')
      : null;

  async function look() {
    const outcome = await change.run(async () => {
      const { data } = await client.query({ query: OrganisationMergePreviewDocument, variables: { sourceId: organisation.id, targetId }, fetchPolicy: 'network-only' });
      return data;
    });
    if (outcome.ok && outcome.value?.organisation) setPreview({ counts: outcome.value.organisationMergePreview, target: outcome.value.organisation });
  }

  async function confirm() {
    if (!preview) return;
    const outcome = await change.run(() =>
      merge({ variables: { input: { sourceId: organisation.id, targetId: preview.target.id, sourceVersion: organisation.version, targetVersion: preview.target.version } } }),
    );
    if (outcome.ok) {
      await client.clearStore();
      void navigate(editPath('ORGANISATION', preview.target.id) ?? '/organisaties');
    }
  }

  return (
    <section aria-labelledby={headingId} className="app-merge-panel">
      <Heading2 id={headingId}>{t('organisationMerge.title')}</Heading2>
      <Paragraph>{t('organisationMerge.intro', { name: organisation.name })}</Paragraph>
      <ComboboxField
        id="org-merge-target"
        label={t('organisationMerge.target')}
        description={t('organisationMerge.targetHint')}
        options={options}
        loading={picker.loading}
        value={targetId}
        onChange={(value) => {
          setTargetId(value);
          setPreview(null);
          change.clear();
        }}
      />
      <ProblemSummary
        problem={change.problem}
        notSaved={t('organisationMerge.notMerged')}
        fieldMessage={(message) => (twins ? t('organisationMerge.duplicates', { names: twins }) : change.fieldMessage(message))}
        onReload={change.reload ? () => void change.reload?.() : undefined}
        reloading={change.reloading}
      />
      {!preview && (
        <Button appearance="secondary-action-button" onClick={() => void look()} disabled={!targetId || change.busy} busy={change.busy}>
          {t('organisationMerge.look')}
        </Button>
      )}
      {preview && (
        <div className="app-merge-panel__confirm" role="group" aria-labelledby={`${headingId}-confirm`}>
          <Paragraph id={`${headingId}-confirm`}>
            <strong>{t('organisationMerge.confirmTitle', { source: organisation.name, target: preview.target.name })}</strong>
          </Paragraph>
          <ul>
            {COUNTS.filter((key) => preview.counts[key] > 0).map((key) => (
              <li key={key}>{t(`organisationMerge.count.${key}`, { count: preview.counts[key] })}</li>
            ))}
          </ul>
          <Paragraph>{t('organisationMerge.confirmText', { source: organisation.name, target: preview.target.name })}</Paragraph>
          <Button appearance="primary-action-button" onClick={() => void confirm()} disabled={change.busy} busy={change.busy}>
            {t('organisationMerge.confirm', { target: preview.target.name })}
          </Button>{' '}
          <Button appearance="secondary-action-button" onClick={() => setPreview(null)} disabled={change.busy}>
            {t('organisationMerge.cancel')}
          </Button>
        </div>
      )}
    </section>
  );
}
