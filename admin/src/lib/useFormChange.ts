import { useCallback, useMemo, type BaseSyntheticEvent } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { FieldRule } from './errors';
import { useChange, type ChangeOptions, type ChangeOutcome, type RunOptions } from './useChange';

export interface FormChangeOptions<V extends FieldValues> extends ChangeOptions {
  /**
   * API input names that land on a form field of another name (`reason` and `outcome` on the
   * move form's `note`). Other input names land on the field of the same name, when the form
   * has one; the rest are only listed in the problem summary.
   */
  aliases?: Partial<Record<string, Path<V>>>;
  /** How to word the API's message under the field; by default useFieldMessage (which words the rule the API names, where it names one). */
  fieldMessage?(field: string, message: string, rule?: FieldRule | null): string;
}

/**
 * useChange for a react-hook-form form: the API stays the one that validates (the forms have
 * no rules of their own), and what it refuses (BAD_USER_INPUT with `extensions.field`) is put
 * on the field with `setError`, so `formState.errors` holds the message under each field.
 *
 * The form should be made with `reValidateMode: 'onSubmit'`: a field keeps the API's message
 * until the next attempt, as long as the summary above the form lists it.
 */
export function useFormChange<V extends FieldValues>(form: UseFormReturn<V>, { aliases, fieldMessage, ...options }: FormChangeOptions<V> = {}) {
  const change = useChange(options);
  const { run: runChange, fieldMessage: defaultMessage } = change;
  const { setError, clearErrors, getValues, handleSubmit } = form;
  const word = useCallback(
    (field: string, message: string, rule?: FieldRule | null) => (fieldMessage ? fieldMessage(field, message, rule) : defaultMessage(message, rule, field)),
    [fieldMessage, defaultMessage],
  );

  const run = useCallback(
    async <T>(mutation: () => Promise<T>, runOptions?: RunOptions<T>): Promise<ChangeOutcome<T>> => {
      const outcome = await runChange(mutation, runOptions);
      if (!outcome.ok && outcome.problem.kind === 'fields') {
        const values = getValues();
        for (const [input, message] of Object.entries(outcome.problem.fields)) {
          const field = aliases?.[input] ?? (Object.hasOwn(values, input) ? (input as Path<V>) : undefined);
          // The first message per field wins, as in the summary.
          if (field && !form.getFieldState(field).error) setError(field, { type: 'server', message: word(input, message, outcome.problem.rules[input]) });
        }
      }
      return outcome;
    },
    [runChange, getValues, aliases, form, setError, word],
  );

  /**
   * `handleSubmit` that starts each attempt without the API's earlier messages: they were about
   * the values sent then, and a message on a field not shown now would block the submission.
   */
  const submit = useCallback(
    (onValid: (values: V) => Promise<unknown>) => (event?: BaseSyntheticEvent) => {
      clearErrors();
      return handleSubmit(onValid)(event);
    },
    [clearErrors, handleSubmit],
  );

  return useMemo(() => ({ ...change, run, submit }), [change, run, submit]);
}

export type FormChange = ReturnType<typeof useFormChange>;
