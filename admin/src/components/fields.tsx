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
import type { ChangeEvent, ReactNode, Ref } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

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

/**
 * How a field gets its value: held by the caller (`value` and `onChange`), or registered with a
 * react-hook-form form (`registration` = `register(name)`: the form reads the element itself,
 * and its name is the form's field name).
 */
type Binding<E> =
  | { value: string; onChange(value: string): void; inputRef?: Ref<E>; registration?: never }
  | { registration: UseFormRegisterReturn; value?: never; onChange?: never; inputRef?: never };

function bind<E extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(binding: Binding<E>, name: string) {
  if (binding.registration) return binding.registration;
  const { value, onChange, inputRef } = binding;
  return { name, value, ref: inputRef, onChange: (event: ChangeEvent<E>) => onChange(event.currentTarget.value) };
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
  props: FieldProps &
    Binding<HTMLInputElement> & {
      type?: 'text' | 'email' | 'url' | 'tel' | 'search' | 'password' | 'date' | 'time';
      autoComplete?: string;
      name?: string;
    },
) {
  const { id, description, error, required, type = 'text', autoComplete, name } = props;
  return (
    <FieldFrame {...props}>
      <Textbox
        id={id}
        type={type}
        autoComplete={autoComplete}
        required={required}
        invalid={Boolean(error)}
        aria-describedby={describedBy(id, description, error)}
        {...bind(props, name ?? id)}
      />
    </FieldFrame>
  );
}

export function TextAreaField(props: FieldProps & Binding<HTMLTextAreaElement> & { rows?: number }) {
  const { id, description, error, required, rows = 5 } = props;
  return (
    <FieldFrame {...props}>
      <Textarea
        id={id}
        rows={rows}
        required={required}
        invalid={Boolean(error)}
        aria-describedby={describedBy(id, description, error)}
        {...bind(props, id)}
      />
    </FieldFrame>
  );
}

export function SelectField(props: FieldProps & Binding<HTMLSelectElement> & { options: ReadonlyArray<{ value: string; label: string }> }) {
  const { id, description, error, required, options } = props;
  return (
    <FieldFrame {...props}>
      <Select
        id={id}
        required={required}
        invalid={Boolean(error)}
        aria-describedby={describedBy(id, description, error)}
        {...bind(props, id)}
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
