import type { SavedReply } from '@support-chat/backend/protocol';
import { deepEqual, equal } from '../../test/assert.ts';
import { fillVariables, insertReply, matchReplies, replyLanguage, replyText, slashQuery } from './saved-replies.ts';

const reply = (shortcut: string, title: string, text: SavedReply['text']): SavedReply => ({
  id: shortcut,
  shortcut,
  title,
  text,
  updatedAt: '',
});

describe('saved replies', () => {
  it('find the `/query` at the caret: at the start or after a space, never inside a word', () => {
    deepEqual(slashQuery('/ref', 4), { start: 0, query: 'ref' }, 'at the start');
    deepEqual(slashQuery('Hi! /Ref', 8), { start: 4, query: 'ref' }, 'after a space, lower-cased');
    deepEqual(slashQuery('Hi!\n/', 5), { start: 4, query: '' }, 'a bare slash on a new line');
    equal(slashQuery('and/or', 6), undefined, 'inside a word');
    equal(slashQuery('see https://x.example/a', 23), undefined, 'in a URL');
    equal(slashQuery('/ref and more', 13), undefined, 'the caret past a space');
    deepEqual(slashQuery('/ref and more', 4), { start: 0, query: 'ref' }, 'the caret after the shortcut');
  });

  it('pick the text for the visitor’s language: its primary subtag, else default, else English, else the first', () => {
    equal(replyLanguage('de-AT'), 'de', 'a region');
    equal(replyLanguage('pt-BR'), 'default', 'a language the widget does not speak');
    equal(replyLanguage(undefined), 'default', 'none known');
    equal(replyText({ en: 'Hello', de: 'Hallo' }, 'de-CH'), 'Hallo', 'German');
    equal(replyText({ en: 'Hello', default: 'Hi' }, 'pt'), 'Hi', 'default');
    equal(replyText({ en: 'Hello', fr: 'Bonjour' }, 'es'), 'Hello', 'English');
    equal(replyText({ fr: 'Bonjour' }, 'es'), 'Bonjour', 'the only one');
  });

  it('fill in the visitor’s and the agent’s names, with fallbacks', () => {
    const values = { visitorName: 'Sam Rivera', agentName: 'Alex' };
    equal(fillVariables('Hi {{visitor.name|there}}, {{agent.name}} here.', values), 'Hi Sam Rivera, Alex here.', 'both');
    equal(fillVariables('Hi {{ visitor.name | there }}!', { visitorName: undefined, agentName: 'Alex' }), 'Hi there!', 'the fallback');
    equal(fillVariables('Hi {{visitor.name}}!', { visitorName: '  ', agentName: 'Alex' }), 'Hi !', 'no name, no fallback');
    equal(fillVariables('{{order.id|your order}} and {{order.id}}', values), 'your order and {{order.id}}', 'unknown variables');
  });

  it('match by shortcut first, then title, then text, letters in order counting', () => {
    const replies = [
      reply('refund', 'Refund policy', { en: 'Refunds take 5 days.' }),
      reply('hello', 'Greeting', { en: 'Hello there' }),
      reply('ship', 'Shipping times', { en: 'We refund shipping too.' }),
    ];
    deepEqual(
      matchReplies(replies, '', undefined).map((r) => r.shortcut),
      ['hello', 'refund', 'ship'],
      'all, by shortcut',
    );
    deepEqual(
      matchReplies(replies, 'ref', undefined).map((r) => r.shortcut),
      ['refund', 'ship'],
      'shortcut prefix, then the text',
    );
    deepEqual(
      matchReplies(replies, 'rfd', undefined).map((r) => r.shortcut),
      ['refund'],
      'fuzzy',
    );
    deepEqual(
      matchReplies(replies, 'greet', undefined).map((r) => r.shortcut),
      ['hello'],
      'by title',
    );
  });

  it('insert in place of the query, with a space before what follows', () => {
    deepEqual(
      insertReply('Hi /re', { start: 3, query: 're' }, 6, 'Refunds take 5 days.'),
      { draft: 'Hi Refunds take 5 days.', caret: 23 },
      'at the end',
    );
    deepEqual(insertReply('/re thanks', { start: 0, query: 're' }, 3, 'Sure.'), { draft: 'Sure. thanks', caret: 5 }, 'before a space');
    deepEqual(insertReply('/rethanks', { start: 0, query: 're' }, 3, 'Sure.'), { draft: 'Sure. thanks', caret: 6 }, 'before a word');
  });
});
