import { AsyncLocalStorage } from 'node:async_hooks';
import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';

/** Per-request tally of SQL statements, so tests and logs can show that statement counts stay bounded. */
export interface SqlTally {
  statements: number;
  /** The GraphQL operation this request ran, when it ran one (request logs and metrics). */
  operation?: string;
  operationType?: string;
}

export const sqlTallyStorage = new AsyncLocalStorage<SqlTally>();

export function currentSqlTally(): SqlTally | undefined {
  return sqlTallyStorage.getStore();
}

/**
 * TypeORM logger that counts every statement sent to PostgreSQL in the current request
 * (AsyncLocalStorage) and optionally prints it.
 */
export class CountingLogger extends AbstractLogger {
  constructor(private readonly printSql: boolean) {
    super(printSql ? ['query', 'error', 'warn'] : ['error', 'warn']);
  }

  override logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    const tally = sqlTallyStorage.getStore();
    if (tally) tally.statements += 1;
    super.logQuery(query, parameters, queryRunner);
  }

  /**
   * A failed statement reaches its caller as an error: an unknown one is logged once (masked for
   * the client) under its correlation id, a lost database answers SERVICE_UNAVAILABLE and is
   * counted in the metrics. Printed here as well, an outage repeated every failed statement on
   * stderr, with its parameters — case text among them. Only with SQL printing on (development).
   */
  override logQueryError(error: string, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    if (this.printSql) super.logQueryError(error, query, parameters, queryRunner);
  }

  protected writeLog(level: LogLevel, message: LogMessage | string | number | (LogMessage | string | number)[]): void {
    const messages = this.prepareLogMessages(message, { highlightSql: false });
    for (const m of messages) {
      const text = `${m.prefix ? `${m.prefix} ` : ''}${String(m.message)}`;
      if (m.type === 'error' || m.type === 'query-error') console.error(text);
      else if (m.type === 'warn' || m.type === 'query-slow') console.warn(text);
      else console.log(text);
    }
  }
}
