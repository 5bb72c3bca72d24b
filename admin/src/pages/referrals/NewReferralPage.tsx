import { Button, ButtonGroup, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { CheckboxGroup, RadioGroup } from '../../components/choices';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { usePageTitle } from '../../components/PageTitle';
import { ProblemSummary, type ProblemField } from '../../components/ProblemSummary';
import { ErrorState, Loading } from '../../components/States';
import { graphql } from '../../gql';
import type { ConsentInput, CreateReferralInput, LifeDomain } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { useAreaTree } from '../../lib/areas';
import { organisationLabel, TargetGroupOptionsDocument, useMemberNetworks, useOrganisationOptions } from '../../lib/directory';
import { useFormChange } from '../../lib/useFormChange';
import '../../partner-styles';
import { moveIdentitySpan } from './identity';
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
  identifyingDetails: 'ref-identifyingDetails',
  startedOn: 'ref-startedOn',
  lifeDomains: 'ref-lifeDomains',
  targetGroups: 'ref-targetGroups',
  consent: 'ref-consent',
} as const;
type FieldName = keyof typeof FIELD_IDS;

/** The form's values, named as the API's input (so its field errors land on the right field). */
interface ReferralValues {
  receivingOrganisationId: string;
  networkId: string;
  area: string;
  summary: string;
  identifyingDetails: string;
  startedOn: string;
  lifeDomains: LifeDomain[];
  targetGroups: string[];
  consent: Consent;
}

const EMPTY: ReferralValues = { receivingOrganisationId: '', networkId: '', area: '', summary: '', identifyingDetails: '', startedOn: '', lifeDomains: [], targetGroups: [], consent: 'NOT_RECORDED' };

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
  const [create] = useMutation(CreateReferralDocument);
  const form = useForm<ReferralValues>({ defaultValues: EMPTY, reValidateMode: 'onSubmit' });
  const { errors } = form.formState;
  const change = useFormChange(form);
  const [moved, setMoved] = useState<string | null>(null);
  usePageTitle(t('referralNew.title'));

  // What the identity detector found in the summary (rule `anonymous`), offered to move into the identifying details.
  const found = change.problem?.kind === 'fields' && change.problem.rules.summary?.rule === 'anonymous' ? change.problem.rules.summary.params : null;
  const span = found && typeof found.text === 'string' && typeof found.start === 'number' && typeof found.end === 'number' ? { text: found.text, start: found.start, end: found.end } : null;
  const moveIdentity = () => {
    if (!span) return;
    const next = moveIdentitySpan(form.getValues('summary'), form.getValues('identifyingDetails'), span);
    if (!next) return;
    form.setValue('summary', next.summary);
    form.setValue('identifyingDetails', next.identifyingDetails);
    form.clearErrors('summary');
    change.clear();
    setMoved(span.text);
    form.setFocus('identifyingDetails');
  };

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
    const label = (field: FieldName) => t(`referralNew.field.${field}`);
    const fields = Object.fromEntries(Object.entries(FIELD_IDS).map(([name, id]) => [name, { id, label: label(name as FieldName) }])) as Record<string, ProblemField>;

    const submit = change.submit(async (values) => {
      setMoved(null);
      const input: CreateReferralInput = {
        receivingOrganisationId: values.receivingOrganisationId || null,
        networkId: values.networkId || null,
        area: values.area || null,
        summary: values.summary.trim() ? values.summary : null,
        identifyingDetails: values.identifyingDetails.trim() ? values.identifyingDetails : null,
        startedOn: values.startedOn || null,
        lifeDomains: values.lifeDomains,
        targetGroups: values.targetGroups,
        consent: consentInput(values.consent),
      };
      const outcome = await change.run(() => create({ variables: { input } }));
      const created = outcome.ok ? outcome.value.data?.createReferral : undefined;
      if (created) navigate(`/verwijzingen/${created.dossierNumber}`, { state: { created: true } });
    });

    const organisationOptions = (organisations.organisations ?? []).filter((o) => o.id !== ownId).map((o) => ({ value: o.id, label: organisationLabel(o) }));
    const groupOptions = (targetGroups.data?.targetGroups.edges ?? []).map(({ node }) => ({
      value: node.code,
      label: language === 'en' && node.nameEn ? node.nameEn : node.nameNl,
    }));

    body = (
      <form className="app-form" onSubmit={submit} noValidate aria-busy={change.busy || undefined}>
        <ProblemSummary
          problem={change.problem}
          notSaved={t('referralNew.notSaved')}
          fields={fields}
          fieldMessage={change.fieldMessage}
          forbiddenText={t('referralNew.forbidden')}
        />
        <SelectField
          id={FIELD_IDS.receivingOrganisationId}
          label={label('receivingOrganisationId')}
          description={t('referralNew.receiverHint')}
          registration={form.register('receivingOrganisationId')}
          options={[{ value: '', label: t('referralNew.noReceiver') }, ...organisationOptions]}
          error={errors.receivingOrganisationId?.message}
        />
        <SelectField
          id={FIELD_IDS.networkId}
          label={label('networkId')}
          description={networks.networks && networks.networks.length > 0 ? t('referralNew.networkHint') : t('referralNew.noNetworks')}
          registration={form.register('networkId')}
          options={[{ value: '', label: t('referralNew.noNetwork') }, ...(networks.networks ?? []).map((n) => ({ value: n.id, label: n.name }))]}
          error={errors.networkId?.message}
        />
        <SelectField
          id={FIELD_IDS.area}
          label={label('area')}
          description={t('referralNew.areaHint')}
          registration={form.register('area')}
          options={[
            { value: '', label: t('referralNew.noArea') },
            ...areas.flat.map((a) => ({
              value: a.slug,
              label: `${'\u00a0\u00a0\u00a0'.repeat(a.depth)}${t('dashboard.areaOption', { name: a.name, level: t(`areaLevel.${a.level}`) })}`,
            })),
          ]}
          error={errors.area?.message}
        />
        <TextAreaField
          id={FIELD_IDS.summary}
          label={label('summary')}
          description={t('referralNew.summaryHint')}
          registration={form.register('summary')}
          rows={6}
          error={errors.summary?.message}
        />
        {span && errors.summary && (
          <ButtonGroup>
            <Button appearance="secondary-action-button" type="button" onClick={moveIdentity}>
              {t('referralNew.moveIdentity', { text: span.text })}
            </Button>
          </ButtonGroup>
        )}
        <div role="status">{moved && <Paragraph>{t('referralNew.movedIdentity', { text: moved })}</Paragraph>}</div>
        <TextAreaField
          id={FIELD_IDS.identifyingDetails}
          label={label('identifyingDetails')}
          description={t('referralNew.identifyingDetailsHint')}
          registration={form.register('identifyingDetails')}
          rows={3}
          error={errors.identifyingDetails?.message}
        />
        <TextField
          id={FIELD_IDS.startedOn}
          type="date"
          label={label('startedOn')}
          description={t('referralNew.startedOnHint')}
          registration={form.register('startedOn')}
          error={errors.startedOn?.message}
        />
        <Controller
          control={form.control}
          name="consent"
          render={({ field, fieldState }) => (
            <RadioGroup
              id={FIELD_IDS.consent}
              legend={label('consent')}
              description={t('referralNew.consentHint')}
              value={field.value}
              onChange={(value) => field.onChange(value as Consent)}
              inputRef={field.ref}
              options={(['NOT_RECORDED', 'REFUSED', 'RECEIVER', 'NETWORK'] as const).map((value) => ({
                value,
                label: t(`referralNew.consent.${value}`),
              }))}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="lifeDomains"
          render={({ field, fieldState }) => (
            <CheckboxGroup
              id={FIELD_IDS.lifeDomains}
              columns
              legend={label('lifeDomains')}
              description={t('referralNew.optional')}
              values={field.value}
              onChange={(values) => field.onChange(values as LifeDomain[])}
              inputRef={field.ref}
              options={LIFE_DOMAINS.map((d) => ({ value: d, label: t(`referrals.lifeDomain.${d}`) }))}
              error={fieldState.error?.message}
            />
          )}
        />
        {groupOptions.length > 0 && (
          <Controller
            control={form.control}
            name="targetGroups"
            render={({ field, fieldState }) => (
              <CheckboxGroup
                id={FIELD_IDS.targetGroups}
                columns
                legend={label('targetGroups')}
                description={t('referralNew.optional')}
                values={field.value}
                onChange={field.onChange}
                inputRef={field.ref}
                options={groupOptions}
                error={fieldState.error?.message}
              />
            )}
          />
        )}
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" busy={change.busy} disabled={change.busy}>
            {change.busy ? t('referralNew.saving') : t('referralNew.submit')}
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
