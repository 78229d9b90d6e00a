import { equal } from '../../test/assert.ts';
import { ChatClient } from './chat-client.ts';
import { prefixed, safeStorage } from './storage.ts';

describe('storage', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('keeps a product’s keys under its prefix', () => {
    const store = prefixed(safeStorage(localStorage), 'support-chat');
    store.set('read', '7');
    equal(localStorage.getItem('support-chat:read'), '7', 'stored key');
    equal(store.get('read'), '7', 'read back');
    store.remove('read');
    equal(localStorage.getItem('support-chat:read'), null, 'removed');
  });

  it('gives a visitor’s client the page’s localStorage and, for the tab, its sessionStorage', () => {
    const client = new ChatClient({ endpoint: 'ws://127.0.0.1:9/' });
    client.store.set('read', '3');
    client.tabStore.set('panel', 'open');
    equal(localStorage.getItem('support-chat:read'), '3', 'store');
    equal(sessionStorage.getItem('support-chat:panel'), 'open', 'tabStore');
  });

  it('keeps everything where the storage option says: memory for null, the given storage otherwise', () => {
    const memory = new ChatClient({ endpoint: 'ws://127.0.0.1:9/', storage: null });
    memory.store.set('read', '3');
    memory.tabStore.set('panel', 'open');
    equal(memory.store.get('read'), '3', 'kept in memory');
    equal(localStorage.length + sessionStorage.length, 0, 'nothing in the page’s storage');

    const session = new ChatClient({ endpoint: 'ws://127.0.0.1:9/', storage: sessionStorage, storageKey: 'other' });
    session.store.set('read', '4');
    session.tabStore.set('panel', 'open');
    equal(sessionStorage.getItem('other:read'), '4', 'store in the given storage, under the prefix');
    equal(sessionStorage.getItem('other:panel'), 'open', 'tabStore there too');
    equal(localStorage.length, 0, 'nothing in localStorage');
  });
});
