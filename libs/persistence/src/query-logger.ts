import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

const MAX_QUERY_CHARS = 2000;

const oneLine = (query: string): string => {
  const q = query.replace(/\s+/g, ' ').trim();
  return q.length > MAX_QUERY_CHARS ? `${q.slice(0, MAX_QUERY_CHARS)}…` : q;
};

/**
 * TypeORM's logging without the query parameters: they are the rows being written (names, ID
 * numbers, accounts of a batch), so a failed insert logs its error and the query text only.
 * Messages go to Nest's logger, hence through the hub's redaction too. TypeORM hands a custom
 * logger every event whatever `logging` says: as before, only failed and slow queries and
 * TypeORM's warnings are logged, not each query, schema build or migration step.
 */
export class RedactedQueryLogger implements TypeOrmLogger {
  private readonly logger = new Logger('TypeORM');

  logQuery(): void {
    // not logged: one line per query
  }

  logQueryError(error: string | Error, query: string): void {
    const message = typeof error === 'string' ? error : error.message;
    this.logger.error(`query failed: ${message} — ${oneLine(query)} (parameters not logged)`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${oneLine(query)} (parameters not logged)`);
  }

  logSchemaBuild(): void {
    // not logged (migrations only, never synchronize)
  }

  logMigration(): void {
    // not logged: `runMigrations` returns the names applied
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(typeof message === 'string' ? message : JSON.stringify(message));
  }
}
