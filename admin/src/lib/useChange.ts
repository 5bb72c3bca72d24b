import { useCallback, useMemo, useState } from 'react';
import { toChangeProblem, useFieldMessage, type ChangeProblem } from './problems';

/** How a change ended: its answer, or why the API refused it (see ChangeProblem). */
export type ChangeOutcome<T> = { ok: true; value: T } | { ok: false; problem: ChangeProblem };

export interface ChangeOptions {
  /**
   * Loads the newest data after a conflict or a stale move (the "reload" button of the problem
   * summary). Without it the summary offers no reload.
   */
  onReload?(): Promise<unknown>;
  /** Keep the problem when reloading failed, so the user still sees why nothing was saved. */
  keepProblemIfReloadFails?: boolean;
}

export interface RunOptions<T> {
  /** The notice to show when the change succeeded ("Saved"), or how to word it from the answer. */
  notice?: string | ((value: T) => string | null);
}

/**
 * The state of one change the user makes (a mutation behind a form or a button): whether it
 * runs, why the API refused it, and what to tell the user after it succeeded. Every page used
 * to keep these three by hand; here a failed change always becomes the same ChangeProblem, so
 * ProblemSummary reads it the same way everywhere.
 */
export function useChange({ onReload, keepProblemIfReloadFails = false }: ChangeOptions = {}) {
  const fieldMessage = useFieldMessage();
  const [problem, setProblem] = useState<ChangeProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reloading, setReloading] = useState(false);

  /** Runs the change; the notice of an earlier change goes, since it no longer describes the page. */
  const run = useCallback(async <T>(change: () => Promise<T>, { notice: success }: RunOptions<T> = {}): Promise<ChangeOutcome<T>> => {
    setBusy(true);
    setNotice(null);
    try {
      const value = await change();
      setProblem(null);
      setNotice(typeof success === 'function' ? success(value) : (success ?? null));
      return { ok: true, value };
    } catch (error) {
      const refused = toChangeProblem(error);
      setProblem(refused);
      return { ok: false, problem: refused };
    } finally {
      setBusy(false);
    }
  }, []);

  const reload = useCallback(async () => {
    if (!onReload) return;
    setReloading(true);
    let reloaded = false;
    try {
      await onReload();
      reloaded = true;
    } finally {
      setReloading(false);
      if (reloaded || !keepProblemIfReloadFails) setProblem(null);
    }
  }, [onReload, keepProblemIfReloadFails]);

  /** Forget the last outcome (the user cancelled, or starts something else). */
  const clear = useCallback(() => {
    setProblem(null);
    setNotice(null);
  }, []);

  return useMemo(
    () => ({
      problem,
      busy,
      notice,
      setNotice,
      run,
      clear,
      reloading,
      /** Present only when the change was given `onReload`. */
      reload: onReload ? reload : undefined,
      /** The API's message for each input it refused, as the API worded it. */
      fieldErrors: problem?.kind === 'fields' ? problem.fields : ({} as Record<string, string>),
      fieldMessage,
    }),
    [problem, busy, notice, run, clear, reloading, onReload, reload, fieldMessage],
  );
}

export type Change = ReturnType<typeof useChange>;
