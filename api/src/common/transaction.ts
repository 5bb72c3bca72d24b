import type { RequestContext } from '../context';
import { forkDatabaseScope } from '../context';

/**
 * Runs `work` in one database transaction and gives it a context bound to that transaction:
 * `txCtx.manager` is the transaction's EntityManager and `txCtx.loaders` are fresh DataLoaders
 * on it, so every read in `work` — and in every service it passes `txCtx` to — runs on the
 * transaction's connection and sees its writes. The caller, client and settings are those of
 * `ctx`.
 *
 * While `work` runs, `ctx.manager` and `ctx.loaders` throw `TransactionScopeError`: a helper
 * handed the outer context by mistake fails at once (in tests) instead of reading stale data
 * on a second pooled connection, which under load leaves every request holding one
 * connection and waiting for another. After the transaction `txCtx` throws the same way.
 *
 * Inside a transaction context (a request under the idempotency plugin's transaction, or a
 * nested call) the work runs in a savepoint of the same transaction, on the same connection.
 *
 * Services take the context they are given and never import a data source: this is the only
 * way a service starts a transaction.
 */
export async function withTransaction<T>(ctx: RequestContext, work: (txCtx: RequestContext) => Promise<T>): Promise<T> {
  return ctx.manager.transaction(async (tx) => {
    const scope = forkDatabaseScope(ctx, tx);
    scope.open();
    try {
      return await work(scope.txCtx);
    } finally {
      scope.end();
    }
  });
}
