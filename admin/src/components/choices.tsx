import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  RadioButton,
} from '@utrecht/component-library-react';
import '@utrecht/checkbox-css/dist/index.css';
import '@utrecht/radio-button-css/dist/index.css';
import type { ReactNode, Ref } from 'react';

/**
 * A group of checkboxes or radio buttons in a fieldset whose legend names the question (WCAG
 * 1.3.1). An error marks the group invalid and is read with it (aria-describedby on the
 * fieldset), like the single fields in fields.tsx; `id` is the first option's id, so an error
 * summary can link to the group.
 */
interface GroupProps {
  id: string;
  /** Long lists: the options in columns on wide screens. */
  columns?: boolean;
  legend: string;
  description?: string;
  error?: string | null;
  options: ReadonlyArray<{ value: string; label: string; description?: string }>;
  inputRef?: Ref<HTMLInputElement>;
}

function describedBy(id: string, description: string | undefined, error: string | null | undefined): string | undefined {
  return [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function optionId(id: string, index: number): string {
  return index === 0 ? id : `${id}-${index}`;
}

function Group({ id, legend, description, error, columns, children }: Omit<GroupProps, 'options'> & { children: ReactNode }) {
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={describedBy(id, description, error)} className={columns ? 'app-choice-group app-choice-group--columns' : 'app-choice-group'}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {description && (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      )}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
      <div className="app-choice-options">{children}</div>
    </Fieldset>
  );
}

/** One option: its input (made by the group), its label and its description. */
function Choice({ type, id, label, description, checked, children }: { type: 'checkbox' | 'radio'; id: string; label: string; description?: string; checked: boolean; children: ReactNode }) {
  return (
    <FormField type={type} className="app-choice">
      <div className="utrecht-form-field__input">{children}</div>
      <div className={`utrecht-form-field__label utrecht-form-field__label--${type}`}>
        <FormLabel htmlFor={id} type={type} checked={checked}>
          {label}
        </FormLabel>
      </div>
      {description && (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description app-choice__description">
          {description}
        </FormFieldDescription>
      )}
    </FormField>
  );
}

/** The attributes every option's input has: its id, the group's name, and the group's error state. */
function inputProps(props: GroupProps, option: GroupProps['options'][number], index: number, checked: boolean) {
  const id = optionId(props.id, index);
  return {
    id,
    name: props.id,
    value: option.value,
    ref: index === 0 ? props.inputRef : undefined,
    checked,
    invalid: Boolean(props.error),
    'aria-describedby': option.description ? `${id}-description` : undefined,
  };
}

export function CheckboxGroup(props: GroupProps & { values: readonly string[]; onChange(values: string[]): void }) {
  const { id, options, values, onChange } = props;
  return (
    <Group {...props}>
      {options.map((option, index) => {
        const checked = values.includes(option.value);
        return (
          <Choice key={option.value} type="checkbox" id={optionId(id, index)} label={option.label} description={option.description} checked={checked}>
            <Checkbox
              {...inputProps(props, option, index, checked)}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                onChange(on ? [...values.filter((v) => v !== option.value), option.value] : values.filter((v) => v !== option.value));
              }}
            />
          </Choice>
        );
      })}
    </Group>
  );
}

export function RadioGroup(props: GroupProps & { value: string; onChange(value: string): void }) {
  const { id, options, value, onChange } = props;
  return (
    <Group {...props}>
      {options.map((option, index) => {
        const checked = value === option.value;
        return (
          <Choice key={option.value} type="radio" id={optionId(id, index)} label={option.label} description={option.description} checked={checked}>
            <RadioButton {...inputProps(props, option, index, checked)} onChange={() => onChange(option.value)} />
          </Choice>
        );
      })}
    </Group>
  );
}
