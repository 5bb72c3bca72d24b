import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import type { ReactNode, Ref } from 'react';

/**
 * Form fields from Utrecht parts with ids we choose, so an error summary can link to them.
 * An error makes the field `aria-invalid` and is shown under the field, referenced by
 * `aria-describedby` (after the description, so both are read).
 */
interface FieldProps {
  id: string;
  label: string;
  description?: string;
  error?: string | null;
  required?: boolean;
}

function describedBy(id: string, description: string | undefined, error: string | null | undefined): string | undefined {
  return [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function FieldFrame({ id, label, description, error, children }: FieldProps & { children: ReactNode }) {
  return (
    <FormField invalid={Boolean(error)} className="utrecht-form-field--distanced">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description && (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      )}
      <div className="utrecht-form-field__input">{children}</div>
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
    </FormField>
  );
}

export function TextField(
  props: FieldProps & {
    value: string;
    onChange(value: string): void;
    type?: 'text' | 'email' | 'url' | 'tel' | 'search' | 'password' | 'date';
    autoComplete?: string;
    inputRef?: Ref<HTMLInputElement>;
    name?: string;
  },
) {
  const { id, description, error, required, value, onChange, type = 'text', autoComplete, inputRef, name } = props;
  return (
    <FieldFrame {...props}>
      <Textbox
        id={id}
        name={name ?? id}
        ref={inputRef}
        type={type}
        value={value}
        autoComplete={autoComplete}
        required={required}
        invalid={Boolean(error)}
        aria-describedby={describedBy(id, description, error)}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    </FieldFrame>
  );
}

export function TextAreaField(
  props: FieldProps & { value: string; onChange(value: string): void; rows?: number; inputRef?: Ref<HTMLTextAreaElement> },
) {
  const { id, description, error, required, value, onChange, rows = 5, inputRef } = props;
  return (
    <FieldFrame {...props}>
      <Textarea
        id={id}
        name={id}
        ref={inputRef}
        rows={rows}
        value={value}
        required={required}
        invalid={Boolean(error)}
        aria-describedby={describedBy(id, description, error)}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & {
    value: string;
    onChange(value: string): void;
    options: ReadonlyArray<{ value: string; label: string }>;
    inputRef?: Ref<HTMLSelectElement>;
  },
) {
  const { id, description, error, required, value, onChange, options, inputRef } = props;
  return (
    <FieldFrame {...props}>
      <Select
        id={id}
        name={id}
        ref={inputRef}
        value={value}
        required={required}
        invalid={Boolean(error)}
        aria-describedby={describedBy(id, description, error)}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        {options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </Select>
    </FieldFrame>
  );
}
