import path from 'node:path';
import { DEFAULT_SEED } from './presets';

/** Shared bits of the bench command lines. */

export const log = (message: string): void => console.log(`[bench] ${message}`);

export function seedOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SEED;
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`--seed must be a whole number from 0 to 4294967295 (got "${value}")`);
  return seed;
}

export function positiveNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`--${name} must be a positive number (got "${value}")`);
  return number;
}

/** A path given on the command line, relative to where `npm run` was started (npm runs scripts in the workspace). */
export function pathFromInvocation(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : `${(bytes / 1024 ** 2).toFixed(0)} MB`;
}

/**
 * Runs `cleanup` once on SIGINT / SIGTERM as well as at the end, so an interrupted run does not
 * leave the app or an embedded PostgreSQL running.
 */
export function cleanupOnSignal(cleanup: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  const once = () => (done ??= cleanup());
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping`);
    void once().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return once;
}

/** Runs a command-line main, printing failures and setting the exit code. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  });
}
