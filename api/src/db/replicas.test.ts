import { type OperationDefinitionNode, parse } from 'graphql';
import { RecentWriters, replicaMayServe, rootFieldsOf, writerKey } from '../graphql/read-routing';
import { lsnValue, replicaLagMs, replicaName } from './replicas';

const operation = (document: string) => parse(document).definitions[0] as OperationDefinitionNode;

describe('read replicas: the pure rules', () => {
  it('orders WAL positions across the 32-bit boundary and refuses what is not one', () => {
    expect(lsnValue('0/3000148')).toBe(0x3000148n);
    expect(lsnValue('1/0') > lsnValue('0/FFFFFFFF')).toBe(true);
    expect(() => lsnValue('3000148')).toThrow(/not a WAL position/);
  });

  it('measures lag as the age of the oldest write the replica has not replayed', () => {
    const samples = [
      { at: 1000, lsn: 100n },
      { at: 2000, lsn: 200n },
      { at: 3000, lsn: 300n },
    ];
    expect(replicaLagMs(samples, 300n, 3500)).toBe(0);
    expect(replicaLagMs(samples, 350n, 3500)).toBe(0);
    // It has 200 but not 300: the write it lacks was made by 3000.
    expect(replicaLagMs(samples, 200n, 3500)).toBe(500);
    // Stuck before the first sample: at least as old as that.
    expect(replicaLagMs(samples, 50n, 3500)).toBe(2500);
    expect(replicaLagMs([], 0n, 3500)).toBe(0);
  });

  it('names a replica by host and port, never by its credentials', () => {
    expect(replicaName('postgres://app:s3cret@replica-1.internal:6432/schakel')).toBe('replica-1.internal:6432');
    expect(replicaName('postgres://app@replica-2/schakel')).toBe('replica-2:5432');
  });

  it('lets a replica serve only queries whose every root field is declared lag-tolerant', () => {
    const declared = new Set(['organisations', 'services']);
    expect(replicaMayServe(rootFieldsOf(operation('{ organisations { totalCount } services { totalCount } }')), declared)).toBe(true);
    expect(replicaMayServe(rootFieldsOf(operation('{ __typename organisations { totalCount } }')), declared)).toBe(true);
    expect(replicaMayServe(rootFieldsOf(operation('{ organisations { totalCount } referrals { totalCount } }')), declared)).toBe(false);
    expect(replicaMayServe(rootFieldsOf(operation('{ ...F } fragment F on Query { organisations { totalCount } }')), declared)).toBe(false);
    expect(replicaMayServe(rootFieldsOf(operation('{ organisations @include(if: true) { totalCount } }')), declared)).toBe(false);
    expect(replicaMayServe(rootFieldsOf(operation('{ __typename }')), declared)).toBe(true);
  });

  it('remembers a writer for its window only, and never the anonymous caller', () => {
    const writers = new RecentWriters(1000, 2);
    const user = writerKey({ kind: 'user', userId: 'u1', sessionId: 's', role: 'ADMIN' as never, organisationId: null, areaIds: [] });
    writers.wrote(user, 0);
    expect(writers.hasWritten(user, 999)).toBe(true);
    expect(writers.hasWritten(user, 1000)).toBe(false);
    expect(writerKey({ kind: 'anonymous' } as never)).toBeNull();
    writers.wrote(null, 0);
    // Bounded: the oldest goes first.
    writers.wrote('a', 0);
    writers.wrote('b', 0);
    writers.wrote('c', 0);
    expect([writers.hasWritten('a', 1), writers.hasWritten('b', 1), writers.hasWritten('c', 1)]).toEqual([false, true, true]);
  });
});
