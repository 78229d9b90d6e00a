import { deepEqual, equal } from '../../test/assert.ts';
import { FakeHost } from '../../test/fake-host.ts';
import { ChatClient, type ChatClientEventMap, type ServerError } from '../client/chat-client.ts';
import { ConnectionController, isQuietError } from './connection-controller.ts';

/** A client whose events the test emits, to the listeners subscribed through `on` at the time. */
function fakeClient() {
  const subscribed = new Set<[type: string, listener: (value: never) => void]>();
  class EmittingClient extends ChatClient {
    override on<K extends keyof ChatClientEventMap>(type: K, listener: (value: ChatClientEventMap[K]) => void): () => void {
      const entry: [string, (value: never) => void] = [type, listener];
      subscribed.add(entry);
      const off = super.on(type, listener);
      return () => {
        subscribed.delete(entry);
        off();
      };
    }
  }
  const client = new EmittingClient({ endpoint: 'ws://127.0.0.1:9/', storage: null });
  const emit = (type: keyof ChatClientEventMap, value: unknown) => {
    for (const [t, listener] of [...subscribed]) if (t === type) listener(value as never);
  };
  return { client, emit };
}

describe('ConnectionController', () => {
  it('renders its host on each change while the host is on the page, and disconnects when it leaves', () => {
    const host = new FakeHost();
    const { client, emit } = fakeClient();
    const states: string[] = [];
    new ConnectionController(host, client, { state: (state) => states.push(state) });
    emit('change', undefined);
    equal(host.updates, 0, 'renders before the host is on the page');
    host.connect();
    client.connect();
    emit('change', undefined);
    equal(host.updates > 0, true, 'renders once on the page');
    equal(states[0], 'connecting', 'state heard');
    host.disconnect();
    equal(client.state, 'idle', 'disconnected with the host');
    const renders = host.updates;
    emit('change', undefined);
    equal(host.updates, renders, 'renders after leaving');
  });

  it('keeps a refusal as a notice, except the quiet ones and those the host shows itself', () => {
    const host = new FakeHost();
    const { client, emit } = fakeClient();
    const heard: string[] = [];
    const connection = new ConnectionController(host, client, {
      error: (error) => {
        heard.push(error.code);
        return error.code === 'not_found';
      },
    });
    host.connect();
    const refuse = (error: ServerError) => emit('error', error);
    refuse({ code: 'rate_limited', message: 'Slow down', action: 'typing' });
    refuse({ code: 'too_large', message: 'Too long', clientMsgId: 'm1' });
    refuse({ code: 'not_found', message: 'No such room', action: 'join' });
    equal(connection.notice, undefined, 'no notice yet');
    refuse({ code: 'bad_request', message: 'Not an email', action: 'identify' });
    equal(connection.notice, 'Not an email', 'notice');
    deepEqual(heard, ['rate_limited', 'too_large', 'not_found', 'bad_request'], 'the host heard every refusal');
    connection.dismiss();
    equal(connection.notice, undefined, 'dismissed');
  });

  it('ends for good: no longer the host’s, unsubscribed and disconnected', () => {
    const host = new FakeHost();
    const { client, emit } = fakeClient();
    const connection = new ConnectionController(host, client);
    host.connect();
    client.connect();
    connection.end();
    equal(host.controllers.has(connection), false, 'removed');
    equal(client.state, 'idle', 'disconnected');
    const renders = host.updates;
    emit('change', undefined);
    equal(host.updates, renders, 'no render after the end');
  });

  it('calls typing, read and ping refusals and a message’s own quiet', () => {
    equal(isQuietError({ code: 'rate_limited', message: '', action: 'typing' }), true, 'typing');
    equal(isQuietError({ code: 'rate_limited', message: '', action: 'read' }), true, 'read');
    equal(isQuietError({ code: 'rate_limited', message: '', action: 'ping' }), true, 'ping');
    equal(isQuietError({ code: 'too_large', message: '', clientMsgId: 'x' }), true, 'a message');
    equal(isQuietError({ code: 'bad_request', message: '', action: 'identify' }), false, 'identify');
  });
});
