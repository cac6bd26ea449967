import { describe, expect, it } from 'vitest';
import { classifyDbError, describeDbError, isDatabaseUnavailable, sqlState } from '../../src/storage/errors.js';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });
/** drizzle 0.45 wraps the driver's error: the SQLSTATE is on the cause. */
const wrapped = (code: string, message = 'x') => new Error('Failed query: insert into t … params: [{"user":"alice"}]', { cause: coded(code, message) });

describe('isDatabaseUnavailable', () => {
  it('recognises outages, also when wrapped as a cause', () => {
    expect(isDatabaseUnavailable(coded('ECONNREFUSED', 'connect ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(wrapped('57P01', 'terminating connection'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('does not call a wrong query an outage', () => {
    expect(isDatabaseUnavailable(coded('42601', 'syntax error'))).toBe(false);
    expect(isDatabaseUnavailable(wrapped('23505', 'duplicate key'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
  });
});

describe('classifyDbError', () => {
  it('reads the SQLSTATE on the error or on any of its causes', () => {
    for (const make of [coded, wrapped]) {
      expect(classifyDbError(make('22P05'))).toBe('data');
      expect(classifyDbError(make('22007'))).toBe('data');
      expect(classifyDbError(make('23502'))).toBe('data');
      expect(classifyDbError(make('54000'))).toBe('data');
      expect(classifyDbError(make('40001'))).toBe('retry');
      expect(classifyDbError(make('40P01'))).toBe('retry');
      expect(classifyDbError(make('57014'))).toBe('retry');
      expect(classifyDbError(make('57P01'))).toBe('unavailable');
      expect(classifyDbError(make('08006'))).toBe('unavailable');
      expect(classifyDbError(make('28P01'))).toBe('unavailable');
      expect(classifyDbError(make('53300'))).toBe('unavailable');
      expect(classifyDbError(make('3D000'))).toBe('unavailable');
      expect(classifyDbError(make('ECONNRESET'))).toBe('unavailable');
      expect(classifyDbError(make('42P01'))).toBe('statement');
      expect(classifyDbError(make('XX000'))).toBe('statement');
    }
    expect(sqlState(wrapped('22P05'))).toBe('22P05');
  });

  it('calls an error nothing ties to the database unknown', () => {
    expect(classifyDbError(new TypeError('x is undefined'))).toBe('unknown');
    expect(classifyDbError(new Error('Failed query', { cause: new Error('Cannot use a pool after calling end on the pool') }))).toBe('unknown');
    expect(classifyDbError(coded('ERR_SOMETHING'))).toBe('unknown');
    expect(classifyDbError(undefined)).toBe('unknown');
  });
});

describe('describeDbError', () => {
  it('never quotes the query parameters, nor the value a data error refused', () => {
    expect(describeDbError(wrapped('22007', 'invalid input syntax for type timestamp: "alice was here"'))).toBe('SQLSTATE 22007');
    expect(describeDbError(Object.assign(wrapped('23502', 'null value'), {}))).toBe('SQLSTATE 23502');
    expect(describeDbError(wrapped('42P01', 'relation "t" does not exist'))).toBe('SQLSTATE 42P01: relation "t" does not exist');
    expect(describeDbError(wrapped('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432');
    expect(describeDbError(new Error('Failed query: select $1 params: alice'))).toBe('query failed');
  });

  it('names the constraint or column a data error hit', () => {
    const cause = Object.assign(new Error('null value in column "user_id"'), { code: '23502', column: 'user_id' });
    expect(describeDbError(new Error('Failed query', { cause }))).toBe('SQLSTATE 23502 (column user_id)');
  });
});
