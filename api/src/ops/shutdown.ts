export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

export interface ShutdownOptions {
  /** The whole sequence may take this long; then the process exits anyway (exit code 1). */
  timeoutMs: number;
  log: (message: string) => void;
}

/**
 * Runs the shutdown steps in order (stop HTTP, drain the job worker, close the pool, stop the
 * embedded PostgreSQL). A failing step is logged and the next one still runs: the database must
 * be stopped even when the queue could not drain. Resolves to the exit code: 0 when every step
 * finished in time, 1 otherwise.
 */
export async function runShutdown(steps: ShutdownStep[], options: ShutdownOptions): Promise<number> {
  let failed = false;
  const sequence = (async () => {
    for (const step of steps) {
      const started = Date.now();
      try {
        await step.run();
        options.log(`${step.name}: done (${Date.now() - started} ms)`);
      } catch (error) {
        failed = true;
        options.log(`${step.name}: failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
    timer.unref();
  });
  const outcome = await Promise.race([sequence.then(() => 'done' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    options.log(`shutdown did not finish within ${options.timeoutMs} ms (SHUTDOWN_TIMEOUT_MS); exiting anyway`);
    return 1;
  }
  return failed ? 1 : 0;
}
