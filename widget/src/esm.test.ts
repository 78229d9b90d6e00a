// The package's ES modules (dist/esm/), as an app's bundler or an import map loads them.
// This file imports no widget source: the elements here come from the build alone.
import { equal, ok } from '../test/assert.ts';
import { command } from '../test/helpers.ts';

describe('the ES module build (dist/esm/)', () => {
  it('defines <support-chat> and exports its class and the chat client, with lit left to the app', async () => {
    const { esm } = await command<{ esm: { importsLit: boolean; bundlesLit: boolean } }>('bundle');
    equal(esm.importsLit, true, 'lit stays an import');
    equal(esm.bundlesLit, false, 'lit bundled in');

    const module = (await import('/__bundle/esm/index.js' as string)) as Record<string, unknown>;
    equal(customElements.get('support-chat'), module.SupportChat, 'the exported class is the registered element');
    equal(typeof module.ChatClient, 'function', 'ChatClient export');
    const el = document.createElement('support-chat') as HTMLElement & { updateComplete: Promise<unknown> };
    el.setAttribute('endpoint', 'ws://127.0.0.1:9/');
    document.body.append(el);
    await el.updateComplete;
    ok(el.shadowRoot?.querySelector('button'), 'it renders its launcher');
    el.remove();
  });

  it('defines <support-agent-console> from its own module', async () => {
    await command('bundle');
    const module = (await import('/__bundle/esm/agent-console.js' as string)) as Record<string, unknown>;
    const registered = customElements.get('support-agent-console');
    ok(registered, 'registered');
    equal(Object.values(module).includes(registered), true, 'the exported class is the registered element');
  });
});
