import { deepEqual, equal, ok } from '../../test/assert.ts';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  it('draws the delay from zero up to base * 2^attempt (full jitter)', () => {
    equal(
      backoffDelay(0, {}, () => 0),
      0,
      'lowest draw',
    );
    equal(
      backoffDelay(0, {}, () => 0.999999),
      999,
      'attempt 0, highest draw',
    );
    equal(
      backoffDelay(3, {}, () => 0.5),
      4000,
      'attempt 3, middle draw',
    );
  });

  it('never waits more than the 30 s cap, however many attempts failed', () => {
    deepEqual(
      [5, 6, 10, 100, 10_000].map((attempt) => backoffDelay(attempt, {}, () => 0.999999)),
      [29_999, 29_999, 29_999, 29_999, 29_999],
      'highest draws',
    );
  });

  it('takes another base and cap', () => {
    equal(
      backoffDelay(2, { baseMs: 100, capMs: 250 }, () => 0.999999),
      249,
      'capped',
    );
    equal(
      backoffDelay(1, { baseMs: 100, capMs: 250 }, () => 0.5),
      100,
      'below the cap',
    );
  });

  it('spreads real draws over the whole window', () => {
    const draws = Array.from({ length: 200 }, () => backoffDelay(4, {}));
    ok(
      draws.every((d) => d >= 0 && d < 16_000),
      'all within [0, 16 s)',
    );
    ok(draws.some((d) => d < 8000) && draws.some((d) => d >= 8000), 'both halves of the window used');
  });
});
