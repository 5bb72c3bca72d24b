import { Button, ButtonGroup, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { CheckboxGroup, RadioGroup } from '../../components/choices';
import { SelectField, TextAreaField } from '../../components/fields';
import { usePageTitle } from '../../components/PageTitle';
import { ProblemSummary, type ProblemField } from '../../components/ProblemSummary';
import { ErrorState, Loading } from '../../components/States';
import { graphql } from '../../gql';
import type { ConsentInput, CreateReferralInput, LifeDomain } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { useAreaTree } from '../../lib/areas';
import { organisationLabel, TargetGroupOptionsDocument, useMemberNetworks, useOrganisationOptions } from '../../lib/directory';
import { toChangeProblem, useFieldMessage, type ChangeProblem } from '../../lib/problems';
import '../../partner-styles';
import { LIFE_DOMAINS } from './options';

export const CreateReferralDocument = graphql(`
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) {
      id
      dossierNumber
      status
      version
    }
  }
`);

type Consent = 'NOT_RECORDED' | 'REFUSED' | 'RECEIVER' | 'NETWORK';

function consentInput(consent: Consent): ConsentInput | null {
  switch (consent) {
    case 'REFUSED':
      return { given: false };
    case 'RECEIVER':
      return { given: true, scope: 'RECEIVER' };
    case 'NETWORK':
      return { given: true, scope: 'NETWORK' };
    default:
      return null;
  }
}

const FIELD_IDS = {
  receivingOrganisationId: 'ref-receiver',
  networkId: 'ref-network',
  area: 'ref-area',
  summary: 'ref-summary',
  lifeDomains: 'ref-lifeDomains',
  targetGroups: 'ref-targetGroups',
  consent: 'ref-consent',
} as const;
type FieldName = keyof typeof FIELD_IDS;

/** /verwijzingen/nieuw: signal a case to another organisation, a network or both. */
export function NewReferralPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const navigate = useNavigate();
  const { viewer } = useViewer();
  const ownId = viewer?.organisation?.id ?? null;
  const organisations = useOrganisationOptions();
  const networks = useMemberNetworks(ownId);
  const areas = useAreaTree();
  const targetGroups = useQuery(TargetGroupOptionsDocument);
  const fieldMessage = useFieldMessage();
  const [create, { loading: saving }] = useMutation(CreateReferralDocument);

  const [receiver, setReceiver] = useState('');
  const [network, setNetwork] = useState('');
  const [area, setArea] = useState('');
  const [summary, setSummary] = useState('');
  const [lifeDomains, setLifeDomains] = useState<string[]>([]);
  const [groups, setGroups] = useState<string[]>([]);
  const [consent, setConsent] = useState<Consent>('NOT_RECORDED');
  const [problem, setProblem] = useState<ChangeProblem | null>(null);
  usePageTitle(t('referralNew.title'));

  const loading = organisations.loading || networks.loading || (areas.loading && areas.flat.length === 0) || (targetGroups.loading && !targetGroups.data);
  const loadError = organisations.error ?? networks.error ?? (areas.flat.length === 0 ? areas.error : undefined) ?? (targetGroups.data ? undefined : targetGroups.error);

  let body;
  if (loading) body = <Loading label={t('referralNew.loading')} />;
  else if (loadError) {
    body = (
      <ErrorState
        error={loadError}
        what={t('referralNew.lists')}
        onRetry={() => {
          if (organisations.error) organisations.retry();
          void networks.refetch();
          void areas.refetch();
          void targetGroups.refetch();
        }}
      />
    );
  } else {
    const fieldErrors = problem?.kind === 'fields' ? problem.fields : {};
    const errorFor = (field: FieldName) => (fieldErrors[field] ? fieldMessage(fieldErrors[field]) : null);
    const label = (field: FieldName) => t(`referralNew.field.${field}`);
    const fields = Object.fromEntries(Object.entries(FIELD_IDS).map(([name, id]) => [name, { id, label: label(name as FieldName) }])) as Record<string, ProblemField>;

    async function submit(event: FormEvent<HTMLFormElement>) {
      event.preventDefault();
      const input: CreateReferralInput = {
        receivingOrganisationId: receiver || null,
        networkId: network || null,
        area: area || null,
        summary: summary.trim() ? summary : null,
        lifeDomains: lifeDomains as LifeDomain[],
        targetGroups: groups,
        consent: consentInput(consent),
      };
      try {
        const result = await create({ variables: { input } });
        const created = result.data?.createReferral;
        if (created) navigate(`/verwijzingen/${created.dossierNumber}`, { state: { created: true } });
      } catch (error) {
        setProblem(toChangeProblem(error));
      }
    }

    const organisationOptions = (organisations.organisations ?? []).filter((o) => o.id !== ownId).map((o) => ({ value: o.id, label: organisationLabel(o) }));
    const groupOptions = (targetGroups.data?.targetGroups.edges ?? []).map(({ node }) => ({
      value: node.code,
      label: language === 'en' && node.nameEn ? node.nameEn : node.nameNl,
    }));

    body = (
      <form className="app-form" onSubmit={submit} noValidate aria-busy={saving || undefined}>
        <ProblemSummary
          problem={problem}
          notSaved={t('referralNew.notSaved')}
          fields={fields}
          fieldMessage={fieldMessage}
          forbiddenText={t('referralNew.forbidden')}
        />
        <SelectField
          id={FIELD_IDS.receivingOrganisationId}
          label={label('receivingOrganisationId')}
          description={t('referralNew.receiverHint')}
          value={receiver}
          onChange={setReceiver}
          options={[{ value: '', label: t('referralNew.noReceiver') }, ...organisationOptions]}
          error={errorFor('receivingOrganisationId')}
        />
        <SelectField
          id={FIELD_IDS.networkId}
          label={label('networkId')}
          description={networks.networks && networks.networks.length > 0 ? t('referralNew.networkHint') : t('referralNew.noNetworks')}
          value={network}
          onChange={setNetwork}
          options={[{ value: '', label: t('referralNew.noNetwork') }, ...(networks.networks ?? []).map((n) => ({ value: n.id, label: n.name }))]}
          error={errorFor('networkId')}
        />
        <SelectField
          id={FIELD_IDS.area}
          label={label('area')}
          description={t('referralNew.areaHint')}
          value={area}
          onChange={setArea}
          options={[
            { value: '', label: t('referralNew.noArea') },
            ...areas.flat.map((a) => ({
              value: a.slug,
              label: `${'\u00a0\u00a0\u00a0'.repeat(a.depth)}${t('dashboard.areaOption', { name: a.name, level: t(`areaLevel.${a.level}`) })}`,
            })),
          ]}
          error={errorFor('area')}
        />
        <TextAreaField
          id={FIELD_IDS.summary}
          label={label('summary')}
          description={t('referralNew.summaryHint')}
          value={summary}
          onChange={setSummary}
          rows={6}
          error={errorFor('summary')}
        />
        <RadioGroup
          id={FIELD_IDS.consent}
          legend={label('consent')}
          description={t('referralNew.consentHint')}
          value={consent}
          onChange={(value) => setConsent(value as Consent)}
          options={(['NOT_RECORDED', 'REFUSED', 'RECEIVER', 'NETWORK'] as const).map((value) => ({
            value,
            label: t(`referralNew.consent.${value}`),
          }))}
          error={errorFor('consent')}
        />
        <CheckboxGroup
          id={FIELD_IDS.lifeDomains}
          columns
          legend={label('lifeDomains')}
          description={t('referralNew.optional')}
          values={lifeDomains}
          onChange={setLifeDomains}
          options={LIFE_DOMAINS.map((d) => ({ value: d, label: t(`referrals.lifeDomain.${d}`) }))}
          error={errorFor('lifeDomains')}
        />
        {groupOptions.length > 0 && (
          <CheckboxGroup
            id={FIELD_IDS.targetGroups}
            columns
            legend={label('targetGroups')}
            description={t('referralNew.optional')}
            values={groups}
            onChange={setGroups}
            options={groupOptions}
            error={errorFor('targetGroups')}
          />
        )}
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" busy={saving} disabled={saving}>
            {saving ? t('referralNew.saving') : t('referralNew.submit')}
          </Button>
        </ButtonGroup>
      </form>
    );
  }

  return (
    <>
      <Paragraph>
        <AppLink to="/verwijzingen">{t('referralDetail.backToList')}</AppLink>
      </Paragraph>
      <Heading1>{t('referralNew.title')}</Heading1>
      <Paragraph>{t('referralNew.intro')}</Paragraph>
      {body}
    </>
  );
}
