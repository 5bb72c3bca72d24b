import { Button, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Textbox } from '@utrecht/component-library-react';
import { useCombobox } from 'downshift';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { matchesQuery, sortDutch, type ComboOption } from '../lib/collation';

/**
 * Pickers that scale: a text box that filters a list as one types (the WAI-ARIA combobox
 * pattern, by downshift's useCombobox — arrow keys move through the options, Enter chooses,
 * Escape closes, the listbox and its active option are announced), instead of a select with
 * ninety names. Options are sorted in Dutch order; a query matches every word anywhere in the
 * label or its description, without regard to case or accents. Only the first MAX_SHOWN
 * matches are listed, with a line that says how many more there are.
 */

export type { ComboOption };

const MAX_SHOWN = 50;

interface CommonProps {
  id: string;
  label: string;
  description?: string;
  error?: string | null;
  required?: boolean;
  options: readonly ComboOption[];
  /** The options are still loading: the box is there, and says so. */
  loading?: boolean;
}

function describedBy(id: string, description: string | undefined, error: string | null | undefined): string | undefined {
  return [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function Frame({ id, label, description, error, children }: Pick<CommonProps, 'id' | 'label' | 'description' | 'error'> & { children: ReactNode }) {
  return (
    <FormField invalid={Boolean(error)} className="utrecht-form-field--distanced app-combobox">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id} id={`${id}-label`}>
          {label}
        </FormLabel>
      </div>
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
      <div className="utrecht-form-field__input">{children}</div>
    </FormField>
  );
}

/** The options matching the query, sorted, at most MAX_SHOWN of them, and how many matched. */
function useMatches(options: readonly ComboOption[], query: string, exclude: ReadonlySet<string>) {
  const sorted = useMemo(() => sortDutch(options, (option) => option.label), [options]);
  return useMemo(() => {
    const matching = sorted.filter((option) => !exclude.has(option.value) && matchesQuery(`${option.label} ${option.description ?? ''}`, query));
    return { shown: matching.slice(0, MAX_SHOWN), total: matching.length };
  }, [sorted, query, exclude]);
}

function Listbox({
  id,
  isOpen,
  shown,
  total,
  loading,
  menuProps,
  itemProps,
  highlightedIndex,
}: {
  id: string;
  isOpen: boolean;
  shown: ComboOption[];
  total: number;
  loading?: boolean;
  menuProps: Record<string, unknown>;
  itemProps(option: ComboOption, index: number): Record<string, unknown>;
  highlightedIndex: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ul {...menuProps} className={isOpen ? 'app-combobox__menu app-combobox__menu--open' : 'app-combobox__menu'}>
        {isOpen &&
          shown.map((option, index) => (
            <li
              key={option.value}
              {...itemProps(option, index)}
              className={index === highlightedIndex ? 'app-combobox__option app-combobox__option--active' : 'app-combobox__option'}
            >
              <span>{option.label}</span>
              {option.description && <span className="app-combobox__option-description">{option.description}</span>}
            </li>
          ))}
      </ul>
      {/* What the list holds, said politely while it is open (a screen reader hears "12 results"). */}
      <div id={`${id}-status`} role="status" aria-live="polite" className="app-combobox__status">
        {isOpen ? (loading ? t('combobox.loading') : total === 0 ? t('combobox.none') : total > shown.length ? t('combobox.more', { shown: shown.length, count: total }) : t('combobox.count', { count: total })) : ''}
      </div>
    </>
  );
}

/** One choice from many; `value` is the chosen option's value or ''. */
export function ComboboxField(props: CommonProps & { value: string; onChange(value: string): void; inputRef?: (element: HTMLInputElement | null) => void }) {
  const { t } = useTranslation();
  const { id, description, error, required, options, loading, value, onChange, inputRef } = props;
  const selected = options.find((option) => option.value === value) ?? null;
  const [query, setQuery] = useState('');
  const none = useMemo(() => new Set<string>(), []);
  const { shown, total } = useMatches(options, query, none);
  const combobox = useCombobox<ComboOption>({
    items: shown,
    itemToString: (item) => item?.label ?? '',
    selectedItem: selected,
    inputId: id,
    labelId: `${id}-label`,
    menuId: `${id}-listbox`,
    toggleButtonId: `${id}-toggle`,
    getItemId: (index) => `${id}-option-${index}`,
    onSelectedItemChange: ({ selectedItem }) => onChange(selectedItem?.value ?? ''),
    onInputValueChange: ({ inputValue, type }) => {
      // Typing filters; choosing an option shows its label, and the whole list opens again next time.
      if (type === useCombobox.stateChangeTypes.InputChange) setQuery(inputValue ?? '');
      else setQuery('');
    },
  });
  return (
    <Frame {...props}>
      <div className="app-combobox__control">
        <Textbox
          {...combobox.getInputProps({ ref: inputRef, 'aria-describedby': describedBy(id, description, error) })}
          required={required}
          invalid={Boolean(error)}
          autoComplete="off"
          placeholder={loading ? t('combobox.loading') : t('combobox.placeholder')}
        />
        <Button appearance="subtle-button" type="button" className="app-combobox__toggle" {...combobox.getToggleButtonProps({ 'aria-label': t('combobox.toggle', { label: props.label }) })}>
          <span aria-hidden="true">▾</span>
        </Button>
        {!required && selected && (
          <Button appearance="subtle-button" type="button" onClick={() => combobox.selectItem(null)} aria-label={t('combobox.clear', { label: props.label })}>
            {t('combobox.clearShort')}
          </Button>
        )}
      </div>
      <Listbox
        id={id}
        isOpen={combobox.isOpen}
        shown={shown}
        total={total}
        loading={loading}
        menuProps={combobox.getMenuProps({ 'aria-label': props.label })}
        itemProps={(option, index) => combobox.getItemProps({ item: option, index })}
        highlightedIndex={combobox.highlightedIndex}
      />
    </Frame>
  );
}

/**
 * Several choices from many: the chosen ones listed above the box, each with a button that
 * removes it; choosing an option adds it and keeps the list open for the next.
 */
export function MultiComboboxField(props: CommonProps & { values: readonly string[]; onChange(values: string[]): void; inputRef?: (element: HTMLInputElement | null) => void }) {
  const { t } = useTranslation();
  const { id, description, error, required, options, loading, values, onChange, inputRef } = props;
  const [query, setQuery] = useState('');
  const chosen = useMemo(() => new Set(values), [values]);
  const byValue = useMemo(() => new Map(options.map((option) => [option.value, option])), [options]);
  const { shown, total } = useMatches(options, query, chosen);
  const combobox = useCombobox<ComboOption>({
    items: shown,
    itemToString: () => '',
    selectedItem: null,
    inputValue: query,
    inputId: id,
    labelId: `${id}-label`,
    menuId: `${id}-listbox`,
    toggleButtonId: `${id}-toggle`,
    getItemId: (index) => `${id}-option-${index}`,
    stateReducer: (_state, { type, changes }) => {
      switch (type) {
        case useCombobox.stateChangeTypes.InputKeyDownEnter:
        case useCombobox.stateChangeTypes.ItemClick:
          return { ...changes, isOpen: true, highlightedIndex: _state.highlightedIndex, inputValue: '' };
        default:
          return changes;
      }
    },
    onStateChange: ({ type, selectedItem, inputValue }) => {
      switch (type) {
        case useCombobox.stateChangeTypes.InputKeyDownEnter:
        case useCombobox.stateChangeTypes.ItemClick:
          if (selectedItem) {
            onChange([...values, selectedItem.value]);
            setQuery('');
          }
          break;
        case useCombobox.stateChangeTypes.InputChange:
          setQuery(inputValue ?? '');
          break;
        default:
          break;
      }
    },
  });
  return (
    <Frame {...props}>
      {values.length > 0 && (
        <ul className="app-combobox__chosen" aria-label={t('combobox.chosen', { label: props.label })}>
          {values.map((value) => {
            const option = byValue.get(value);
            const name = option?.label ?? value;
            return (
              <li key={value} className="app-combobox__chip">
                <span>{name}</span>
                <Button appearance="subtle-button" type="button" onClick={() => onChange(values.filter((v) => v !== value))} aria-label={t('combobox.remove', { name })}>
                  <span aria-hidden="true">×</span>
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="app-combobox__control">
        <Textbox
          {...combobox.getInputProps({ ref: inputRef, 'aria-describedby': describedBy(id, description, error) })}
          required={required && values.length === 0}
          invalid={Boolean(error)}
          autoComplete="off"
          placeholder={loading ? t('combobox.loading') : t('combobox.placeholderAdd')}
        />
        <Button appearance="subtle-button" type="button" className="app-combobox__toggle" {...combobox.getToggleButtonProps({ 'aria-label': t('combobox.toggle', { label: props.label }) })}>
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      <Listbox
        id={id}
        isOpen={combobox.isOpen}
        shown={shown}
        total={total}
        loading={loading}
        menuProps={combobox.getMenuProps({ 'aria-label': props.label })}
        itemProps={(option, index) => combobox.getItemProps({ item: option, index })}
        highlightedIndex={combobox.highlightedIndex}
      />
    </Frame>
  );
}
