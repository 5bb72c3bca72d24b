import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel } from '@utrecht/component-library-react';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import type { UploadProgress } from '../../lib/upload';
import { formatBytes } from './formatting';

/**
 * A labelled file input (the Utrecht library has no file field): label, description and
 * error wired up like the fields in components/fields.tsx.
 */
export const FileField = forwardRef<
  HTMLInputElement,
  { id: string; label: string; description: string; error?: string | null; accept: string; multiple?: boolean; disabled?: boolean; onChange(files: File[]): void }
>(function FileField({ id, label, description, error, accept, multiple, disabled, onChange }, ref) {
  return (
    <FormField invalid={Boolean(error)} className="utrecht-form-field--distanced">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
        {description}
      </FormFieldDescription>
      <div className="utrecht-form-field__input">
        <input
          ref={ref}
          id={id}
          name={id}
          type="file"
          className="app-file-input"
          accept={accept}
          multiple={multiple}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={[`${id}-description`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
          onChange={(event) => onChange(Array.from(event.currentTarget.files ?? []))}
        />
      </div>
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
    </FormField>
  );
});

/**
 * Upload progress: a progress bar with the share sent, then — once the file is on the
 * server — a bar without a value while the server checks or imports it. Render it inside a
 * live region that is always on the page (`role="status"`), so the texts are announced.
 */
export function UploadProgressView({ progress, dryRun }: { progress: UploadProgress | null; dryRun: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  if (!progress) return null;
  const percent = progress.total ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : null;
  const text =
    progress.phase === 'uploading'
      ? percent !== null
        ? t('imports.progress.uploading', { percent, loaded: formatBytes(progress.loaded, language), total: formatBytes(progress.total ?? 0, language) })
        : t('imports.progress.uploadingUnknown')
      : dryRun
        ? t('imports.progress.checking')
        : t('imports.progress.importing');
  return (
    <div className="app-upload-progress">
      {progress.phase === 'uploading' && percent !== null ? (
        <progress className="app-progress" max={100} value={percent} aria-label={t('imports.progress.label')} />
      ) : (
        <progress className="app-progress" aria-label={t('imports.progress.label')} />
      )}
      <p className="utrecht-paragraph">{text}</p>
    </div>
  );
}
