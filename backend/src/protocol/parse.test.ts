import { describe, expect, it } from 'vitest';
import { MAX_RATING_COMMENT_LENGTH, MAX_TEXT_LENGTH, textLength } from './limits.ts';
import { parseClientFrame } from './parse.ts';

const ok = (raw: unknown) => {
  const result = parseClientFrame(typeof raw === 'string' ? raw : JSON.stringify(raw));
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.frame;
};
const refused = (raw: unknown) => {
  const result = parseClientFrame(typeof raw === 'string' ? raw : JSON.stringify(raw));
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.frame)}`);
  return result.error;
};
const ROOM = `Zt${'a'.repeat(41)}`;

describe('parseClientFrame', () => {
  it('accepts every action of the protocol in its documented shape', () => {
    expect(ok({ action: 'sendMessage', clientMsgId: 'abc_123-X', text: ' hi ' })).toEqual({
      action: 'sendMessage',
      clientMsgId: 'abc_123-X',
      text: 'hi',
    });
    expect(ok({ action: 'sendMessage', clientMsgId: 'a', text: 'hi', roomId: ROOM }).action).toBe('sendMessage');
    expect(ok({ action: 'history' })).toEqual({ action: 'history' });
    expect(ok({ action: 'history', roomId: ROOM, before: 42, limit: 100 })).toMatchObject({ before: 42, limit: 100 });
    expect(ok({ action: 'history', after: 0, limit: 1 })).toMatchObject({ after: 0 });
    expect(ok({ action: 'typing', isTyping: false })).toEqual({ action: 'typing', isTyping: false });
    expect(ok({ action: 'read', seq: 7 })).toMatchObject({ seq: 7 });
    expect(ok({ action: 'identify', name: '  Ana ' })).toEqual({ action: 'identify', name: 'Ana' });
    expect(ok({ action: 'identify', email: 'ana@example.com' })).toMatchObject({ email: 'ana@example.com' });
    expect(ok({ action: 'join', roomId: ROOM })).toEqual({ action: 'join', roomId: ROOM });
    expect(ok({ action: 'leave', roomId: ROOM })).toEqual({ action: 'leave', roomId: ROOM });
    expect(ok({ action: 'listRooms', status: 'closed', limit: 10 })).toMatchObject({ status: 'closed' });
    expect(ok({ action: 'closeRoom', roomId: ROOM })).toEqual({ action: 'closeRoom', roomId: ROOM });
    expect(ok({ action: 'ping' })).toEqual({ action: 'ping' });
    expect(ok({ action: 'closeRoom', roomId: ROOM, askRating: false })).toEqual({ action: 'closeRoom', roomId: ROOM, askRating: false });
    expect(ok({ action: 'rate', score: 5 })).toEqual({ action: 'rate', score: 5 });
    expect(ok({ action: 'rate', roomId: ROOM, score: 1, comment: '  slow  ' })).toEqual({
      action: 'rate',
      roomId: ROOM,
      score: 1,
      comment: 'slow',
    });
  });

  it('refuses a rating out of 1 to 5, a comment over 500 characters, and fields the rating does not have', () => {
    for (const score of [0, 6, 2.5, '4', null]) {
      expect(refused({ action: 'rate', score })).toMatchObject({
        code: 'bad_request',
        action: 'rate',
        message: expect.stringMatching(/^score: /),
      });
    }
    expect(refused({ action: 'rate' }).message).toMatch(/^score: /);
    expect(ok({ action: 'rate', score: 3, comment: '😀'.repeat(MAX_RATING_COMMENT_LENGTH) })).toBeTruthy();
    expect(ok({ action: 'rate', score: 3, comment: ` ${'x'.repeat(MAX_RATING_COMMENT_LENGTH)} ` })).toBeTruthy();
    expect(refused({ action: 'rate', score: 3, comment: 'x'.repeat(MAX_RATING_COMMENT_LENGTH + 1) })).toEqual({
      code: 'bad_request',
      action: 'rate',
      message: 'comment: must be at most 500 characters.',
    });
    expect(refused({ action: 'rate', score: 3, comment: 3 }).message).toMatch(/^comment: /);
    expect(refused({ action: 'rate', score: 3, stars: 3 }).message).toBe('Unexpected field: stars.');
    expect(refused({ action: 'closeRoom', roomId: ROOM, askRating: 'no' }).message).toMatch(/^askRating: /);
  });

  it('refuses what is not a JSON object with an action', () => {
    expect(refused('{not json').code).toBe('bad_request');
    expect(refused('null').code).toBe('bad_request');
    expect(refused('"sendMessage"').code).toBe('bad_request');
    expect(refused([{ action: 'ping' }]).code).toBe('bad_request');
    expect(refused({}).code).toBe('bad_request');
    expect(refused({ action: 42 }).code).toBe('unknown_action');
    expect(refused({ action: 'toString' }).code).toBe('unknown_action');
    expect(refused({ action: '__proto__' }).code).toBe('unknown_action');
  });

  it('refuses fields the protocol does not name, naming them', () => {
    const error = refused({ action: 'ping', extra: true });
    expect(error).toMatchObject({ code: 'bad_request', action: 'ping' });
    expect(error.message).toContain('extra');
  });

  it('never reflects a field name that is not a plain name: it is counted instead', () => {
    const error = refused({ action: 'ping', '<img src=x onerror=alert(1)>': 1, ['x'.repeat(40)]: 2, color: 'red' });
    expect(error.message).toBe('Unexpected fields: color, 2 others not shown.');
    expect(refused({ action: 'ping', 'a b': 1 }).message).toBe('Unexpected field: 1 other not shown.');
  });

  it('checks message text: trimmed, not empty, at most 4000 characters as a person counts them', () => {
    expect(refused({ action: 'sendMessage', clientMsgId: 'a', text: ' \n\t ' })).toMatchObject({ code: 'bad_request', clientMsgId: 'a' });
    expect(refused({ action: 'sendMessage', clientMsgId: 'a', text: 'x'.repeat(MAX_TEXT_LENGTH + 1) }).code).toBe('too_large');
    expect(ok({ action: 'sendMessage', clientMsgId: 'a', text: `  ${'x'.repeat(MAX_TEXT_LENGTH)}  ` })).toBeTruthy();
    // 4000 emoji are 8000 UTF-16 units but 4000 characters.
    expect(ok({ action: 'sendMessage', clientMsgId: 'a', text: '😀'.repeat(MAX_TEXT_LENGTH) })).toBeTruthy();
    expect(textLength('😀a')).toBe(2);
    expect(refused({ action: 'sendMessage', clientMsgId: 'a', text: 5 }).code).toBe('bad_request');
  });

  it('checks ids, limits and enums', () => {
    expect(refused({ action: 'sendMessage', clientMsgId: '', text: 'x' }).code).toBe('bad_request');
    expect(refused({ action: 'sendMessage', clientMsgId: 'a'.repeat(65), text: 'x' }).code).toBe('bad_request');
    expect(refused({ action: 'sendMessage', clientMsgId: 'a b', text: 'x' }).code).toBe('bad_request');
    expect(refused({ action: 'join', roomId: 'short' }).code).toBe('bad_request');
    expect(refused({ action: 'join' }).code).toBe('bad_request');
    expect(refused({ action: 'history', before: 'not-a-ulid' }).code).toBe('bad_request');
    expect(refused({ action: 'history', before: 3, after: 1 }).code).toBe('bad_request');
    expect(refused({ action: 'history', limit: 0 }).code).toBe('bad_request');
    expect(refused({ action: 'history', limit: 101 }).code).toBe('bad_request');
    expect(refused({ action: 'history', limit: 1.5 }).code).toBe('bad_request');
    expect(refused({ action: 'listRooms', status: 'pending' }).code).toBe('bad_request');
    expect(refused({ action: 'typing' }).code).toBe('bad_request');
    expect(refused({ action: 'read', seq: 'x' }).code).toBe('bad_request');
    expect(refused({ action: 'read', seq: 1.5 }).code).toBe('bad_request');
    expect(refused({ action: 'history', after: -1 }).code).toBe('bad_request');
    expect(refused({ action: 'history', before: '01J9Z8X7W6V5T4S3R2Q1P0N9M8' }).code).toBe('bad_request');
  });

  it('checks identify: a name of 1-80 characters and a valid email of at most 254, at least one of them', () => {
    expect(refused({ action: 'identify' }).code).toBe('bad_request');
    expect(refused({ action: 'identify', name: '   ' }).code).toBe('bad_request');
    expect(refused({ action: 'identify', name: 'n'.repeat(81) }).code).toBe('bad_request');
    expect(refused({ action: 'identify', email: 'no-at-sign' }).code).toBe('bad_request');
    expect(refused({ action: 'identify', email: `${'a'.repeat(250)}@example.com` }).code).toBe('bad_request');
    expect(ok({ action: 'identify', name: 'n'.repeat(80), email: 'a@b.co' })).toBeTruthy();
  });

  it('echoes only well-formed ids back in an error', () => {
    expect(refused({ action: 'sendMessage', clientMsgId: 'ok-id', text: '' }).clientMsgId).toBe('ok-id');
    expect(refused({ action: 'sendMessage', clientMsgId: '<script>', text: 'x' }).clientMsgId).toBeUndefined();
    expect(refused({ action: '<b>bold</b>' }).action).toBeUndefined();
  });
});
