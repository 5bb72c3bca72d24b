import { Alert, Button, ButtonGroup, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { Forbidden } from '../../auth/RequireUser';
import { can, useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { usePageTitle } from '../../components/PageTitle';
import { ErrorState, Loading, useProblemText } from '../../components/States';
import { graphql } from '../../gql';
import type { OrganisationFormFieldsFragment, UpdateOrganisationInput } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { toProblem, type ApiProblem } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { historyPath } from '../curation/ChangeHistoryPage';
import { ORGANISATION_SCOPES, ORGANISATION_STATUSES, SECTORS } from './options';

graphql(`
  fragment OrganisationFormFields on Organisation {
    id
    name
    abbreviation
    sector
    secondarySector
    subsector
    status
    scope
    website
    email
    phone
    description
    lastVerifiedAt
    version
  }
`);

export const EditOrganisationDocument = graphql(`
  query EditOrganisation($id: ID!) {
    organisation(id: $id) {
      ...OrganisationFormFields
    }
  }
`);

export const UpdateOrganisationDocument = graphql(`
  mutation UpdateOrganisation($id: ID!, $version: Int!, $input: UpdateOrganisationInput!) {
    updateOrganisation(id: $id, version: $version, input: $input) {
      ...OrganisationFormFields
    }
  }
`);

/** The form's fields, all as text; empty optional fields are sent as null (cleared). */
const FIELDS = ['name', 'abbreviation', 'sector', 'secondarySector', 'subsector', 'status', 'scope', 'website', 'email', 'phone', 'description'] as const;
type FieldName = (typeof FIELDS)[number];
type Values = Record<FieldName, string>;

function valuesOf(organisation: OrganisationFormFieldsFragment): Values {
  return {
    name: organisation.name,
    abbreviation: organisation.abbreviation ?? '',
    sector: organisation.sector,
    secondarySector: organisation.secondarySector ?? '',
    subsector: organisation.subsector ?? '',
    status: organisation.status,
    scope: organisation.scope ?? '',
    website: organisation.website ?? '',
    email: organisation.email ?? '',
    phone: organisation.phone ?? '',
    description: organisation.description ?? '',
  };
}

/** Only what changed: the API leaves other fields alone, and the history shows just this change. */
function changedInput(before: Values, after: Values): UpdateOrganisationInput {
  const input: Record<string, string | null> = {};
  for (const field of FIELDS) {
    const value = field === 'description' ? after[field] : after[field].trim();
    if (value === (field === 'description' ? before[field] : before[field].trim())) continue;
    // The name is required: send it as typed so the API can say what is wrong with it.
    input[field] = field === 'name' || field === 'sector' || field === 'status' ? value : value === '' ? null : value;
  }
  return input as UpdateOrganisationInput;
}

type Notice = 'saved' | 'reloaded' | 'unchanged' | null;

/** /organisaties/:id: edit one organisation (admins; an organisation's own users for their own). */
export function OrganisationEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const allowed = can.editOrganisation(viewer, id);
  const { data, loading, error, refetch } = useQuery(EditOrganisationDocument, { variables: { id }, skip: !allowed });
  const [notice, setNotice] = useState<Notice>(null);
  const organisation = data?.organisation;
  // The children's effects run first: this page sets the title for every state, "no access" included.
  usePageTitle(
    !allowed
      ? t('forbidden.title')
      : organisation
        ? t('organisationEdit.title', { name: organisation.name })
        : data
          ? t('organisationEdit.notFound')
          : t('organisationEdit.titleGeneric'),
  );

  if (!allowed) return <Forbidden />;
  if (loading && !data) return <Loading label={t('organisationEdit.loading')} />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} what={t('organisationEdit.titleGeneric')} />;
  if (!organisation) {
    return (
      <>
        <Heading1>{t('organisationEdit.notFound')}</Heading1>
        <Paragraph>
          <AppLink to="/organisaties">{t('organisationEdit.backToList')}</AppLink>
        </Paragraph>
      </>
    );
  }

  async function reload() {
    await refetch();
    setNotice('reloaded');
  }

  return (
    <>
      {can.curateAllOrganisations(viewer) && (
        <Paragraph>
          <AppLink to="/organisaties">{t('organisationEdit.backToList')}</AppLink>
        </Paragraph>
      )}
      <Heading1>{t('organisationEdit.title', { name: organisation.name })}</Heading1>
      <Paragraph>
        <AppLink to={historyPath('ORGANISATION', organisation.id)}>{t('history.openLink', { name: organisation.name })}</AppLink>
      </Paragraph>
      <OrganisationForm
        key={`${organisation.id}:${organisation.version}`}
        organisation={organisation}
        notice={notice}
        onNotice={setNotice}
        onReload={reload}
      />
    </>
  );
}

interface FormProps {
  organisation: OrganisationFormFieldsFragment;
  notice: Notice;
  onNotice(notice: Notice): void;
  onReload(): Promise<void>;
}

function OrganisationForm({ organisation, notice, onNotice, onReload }: FormProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const problemText = useProblemText();
  const initial = useRef(valuesOf(organisation)).current;
  const [values, setValues] = useState<Values>(initial);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempted, setAttempted] = useState<UpdateOrganisationInput | null>(null);
  const [reloading, setReloading] = useState(false);
  const [update, { loading: saving }] = useMutation(UpdateOrganisationDocument);
  const summaryRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const refs = useRef<Partial<Record<FieldName, HTMLElement | null>>>({});

  const fieldErrors = problem?.kind === 'fields' ? problem.fields : {};

  // After a failed save, move focus to the explanation (error summary or conflict).
  useEffect(() => {
    if (problem) summaryRef.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const set = (field: FieldName) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  /** The API's message for a field, in the user's language where we know it. */
  function fieldMessage(field: string, message: string): string {
    if (/e-mail address/.test(message)) return t('validation.email');
    if (/http\(s\) URL|must be a URL/.test(message)) return t('validation.url');
    if (/phone number/.test(message)) return t('validation.phone');
    if (/already exists/.test(message)) return t('validation.duplicate');
    const shorter = /shorter than or equal to (\d+)/.exec(message);
    if (shorter) return t('validation.maxLength', { max: Number(shorter[1]) });
    if (/longer than or equal to 1 characters|should not be empty/.test(message) || (field === 'name' && /longer than/.test(message))) {
      return t('validation.required');
    }
    return t('validation.other', { message });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onNotice(null);
    const input = changedInput(initial, values);
    if (Object.keys(input).length === 0) {
      setProblem(null);
      onNotice('unchanged');
      return;
    }
    setAttempted(input);
    try {
      await update({ variables: { id: organisation.id, version: organisation.version, input } });
      setProblem(null);
      // The answer carries the new version: the page renders a fresh form with the saved values.
      onNotice('saved');
    } catch (error) {
      setProblem(toProblem(error));
    }
  }

  async function reload() {
    setReloading(true);
    try {
      await onReload();
    } finally {
      setReloading(false);
    }
  }

  const label = (field: FieldName) => t(`organisation.${field}`);
  const errorFor = (field: FieldName) => (fieldErrors[field] ? fieldMessage(field, fieldErrors[field]) : null);
  const optional = (options: ReadonlyArray<{ value: string; label: string }>, emptyLabel: string) => [{ value: '', label: emptyLabel }, ...options];
  const sectorOptions = SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }));

  return (
    <form className="app-form" onSubmit={submit} noValidate aria-busy={saving || undefined}>
      {notice && (
        <div ref={noticeRef} tabIndex={-1}>
          <Alert type={notice === 'unchanged' ? 'info' : 'ok'}>
            <Paragraph>{t(`organisationEdit.notice.${notice}`)}</Paragraph>
          </Alert>
        </div>
      )}

      {problem?.kind === 'fields' && (
        <div ref={summaryRef} tabIndex={-1} className="app-error-summary">
          <Alert type="error">
            <Paragraph>
              <strong>{t('organisationEdit.errorSummary')}</strong>
            </Paragraph>
            <ul>
              {Object.entries(fieldErrors).map(([field, message]) => (
                <li key={field}>
                  {(FIELDS as readonly string[]).includes(field) ? (
                    <a
                      href={`#org-${field}`}
                      className="utrecht-link utrecht-link--html-a"
                      onClick={(event) => {
                        event.preventDefault();
                        refs.current[field as FieldName]?.focus();
                      }}
                    >
                      {label(field as FieldName)}: {fieldMessage(field, message)}
                    </a>
                  ) : (
                    <>
                      {field}: {fieldMessage(field, message)}
                    </>
                  )}
                </li>
              ))}
            </ul>
          </Alert>
        </div>
      )}

      {problem?.kind === 'conflict' && (
        <div ref={summaryRef} tabIndex={-1}>
          <Alert type="warning">
            <Heading2>{t('organisationEdit.conflict.title')}</Heading2>
            <Paragraph>{t('organisationEdit.conflict.text')}</Paragraph>
            {attempted && (
              <>
                <Paragraph>{t('organisationEdit.conflict.yourChanges')}</Paragraph>
                <ul>
                  {Object.entries(attempted).map(([field, value]) => (
                    <li key={field}>
                      {label(field as FieldName)}: {value === null ? t('organisationEdit.conflict.cleared') : String(value)}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <Button appearance="primary-action-button" onClick={() => void reload()} busy={reloading} disabled={reloading}>
              {t('organisationEdit.conflict.reload')}
            </Button>
          </Alert>
        </div>
      )}

      {problem && problem.kind !== 'fields' && problem.kind !== 'conflict' && (
        <div ref={summaryRef} tabIndex={-1}>
          <Alert type="error">
            <Paragraph>
              <strong>{t('organisationEdit.notSaved')}</strong> {problemText(problem)}
            </Paragraph>
          </Alert>
        </div>
      )}

      <TextField
        id="org-name"
        label={t('organisationEdit.required', { label: label('name') })}
        value={values.name}
        onChange={set('name')}
        error={errorFor('name')}
        required
        inputRef={(el) => {
          refs.current.name = el;
        }}
      />
      <TextField
        id="org-abbreviation"
        label={label('abbreviation')}
        value={values.abbreviation}
        onChange={set('abbreviation')}
        error={errorFor('abbreviation')}
        inputRef={(el) => {
          refs.current.abbreviation = el;
        }}
      />
      <SelectField
        id="org-sector"
        label={t('organisationEdit.required', { label: label('sector') })}
        value={values.sector}
        onChange={set('sector')}
        options={sectorOptions}
        error={errorFor('sector')}
        required
        inputRef={(el) => {
          refs.current.sector = el;
        }}
      />
      <SelectField
        id="org-secondarySector"
        label={label('secondarySector')}
        value={values.secondarySector}
        onChange={set('secondarySector')}
        options={optional(sectorOptions, t('organisationEdit.none'))}
        error={errorFor('secondarySector')}
        inputRef={(el) => {
          refs.current.secondarySector = el;
        }}
      />
      <TextField
        id="org-subsector"
        label={label('subsector')}
        value={values.subsector}
        onChange={set('subsector')}
        error={errorFor('subsector')}
        inputRef={(el) => {
          refs.current.subsector = el;
        }}
      />
      <SelectField
        id="org-status"
        label={t('organisationEdit.required', { label: label('status') })}
        value={values.status}
        onChange={set('status')}
        options={ORGANISATION_STATUSES.map((s) => ({ value: s, label: t(`organisationStatus.${s}`) }))}
        error={errorFor('status')}
        required
        inputRef={(el) => {
          refs.current.status = el;
        }}
      />
      <SelectField
        id="org-scope"
        label={label('scope')}
        value={values.scope}
        onChange={set('scope')}
        options={optional(
          ORGANISATION_SCOPES.map((s) => ({ value: s, label: t(`organisationScope.${s}`) })),
          t('organisationEdit.unknown'),
        )}
        error={errorFor('scope')}
        inputRef={(el) => {
          refs.current.scope = el;
        }}
      />
      <TextField
        id="org-website"
        type="url"
        label={label('website')}
        description={t('organisationEdit.websiteHint')}
        value={values.website}
        onChange={set('website')}
        error={errorFor('website')}
        autoComplete="url"
        inputRef={(el) => {
          refs.current.website = el;
        }}
      />
      <TextField
        id="org-email"
        type="email"
        label={label('email')}
        value={values.email}
        onChange={set('email')}
        error={errorFor('email')}
        autoComplete="email"
        inputRef={(el) => {
          refs.current.email = el;
        }}
      />
      <TextField
        id="org-phone"
        type="tel"
        label={label('phone')}
        description={t('organisationEdit.phoneHint')}
        value={values.phone}
        onChange={set('phone')}
        error={errorFor('phone')}
        autoComplete="tel"
        inputRef={(el) => {
          refs.current.phone = el;
        }}
      />
      <TextAreaField
        id="org-description"
        label={label('description')}
        value={values.description}
        onChange={set('description')}
        error={errorFor('description')}
        inputRef={(el) => {
          refs.current.description = el;
        }}
      />
      <Paragraph className="app-small app-muted">
        {organisation.lastVerifiedAt
          ? t('organisationEdit.lastVerified', { date: formatDate(organisation.lastVerifiedAt, language) })
          : t('organisationEdit.neverVerified')}
      </Paragraph>
      <ButtonGroup>
        <Button appearance="primary-action-button" type="submit" busy={saving} disabled={saving}>
          {saving ? t('organisationEdit.saving') : t('organisationEdit.save')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
