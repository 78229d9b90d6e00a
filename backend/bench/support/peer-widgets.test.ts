import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundlePapercups, measurePeerWidgets, type PeerWidget } from './peer-widgets.ts';

const require = createRequire(import.meta.url);
const packageDir = (pkg: string) => dirname(require.resolve(`${pkg}/package.json`));
const kB = 1000;

describe('the peers measured by the widget-weight bench', () => {
  let peers: Map<string, PeerWidget>;
  beforeAll(async () => {
    peers = new Map((await measurePeerWidgets()).map((peer) => [peer.name, peer]));
  });

  it('measures three peers, each more than 10 kB after gzip and less than before it, with totals that add up', () => {
    expect([...peers.keys()]).toEqual(['Rocket.Chat Livechat', 'Amazon Connect ChatJS', 'Papercups']);
    for (const peer of peers.values()) {
      expect(peer.gzipBytes, peer.name).toBeGreaterThan(10 * kB);
      expect(peer.gzipBytes, peer.name).toBeLessThan(peer.bytes);
      expect(peer.bytes).toBe(peer.files.reduce((sum, file) => sum + file.bytes, 0));
      expect(peer.gzipBytes).toBe(peer.files.reduce((sum, file) => sum + file.gzipBytes, 0));
    }
  });

  it("counts Rocket.Chat's loader, its iframe's page with every script that page names, and the chunks those load, as they lie on disk", async () => {
    const peer = peers.get('Rocket.Chat Livechat')!;
    const build = join(packageDir('@rocket.chat/livechat'), 'build');
    const names = peer.files.map((file) => file.name);
    const page = await readFile(join(build, 'index.html'), 'utf8');
    const pageScripts = page.match(/livechat\/[^"]+\.js/g)!.map((src) => `build/${src.slice('livechat/'.length)}`);
    expect(pageScripts).toHaveLength(4);
    expect(names.slice(0, 2 + pageScripts.length)).toEqual(['build/rocketchat-livechat.min.js', 'build/index.html', ...pageScripts]);
    // The entry's chunks: at least one script beyond what the page names.
    expect(names.slice(2 + pageScripts.length).filter((name) => name.endsWith('.js')).length).toBeGreaterThan(0);
    for (const file of peer.files) {
      const code = await readFile(join(build, file.name.slice('build/'.length)));
      expect(file.bytes, file.name).toBe((await stat(join(build, file.name.slice('build/'.length)))).size);
      expect(file.gzipBytes, file.name).toBe(gzipSync(code, { level: 9 }).length);
    }
  });

  it("counts ChatJS's published script, byte for byte", async () => {
    const peer = peers.get('Amazon Connect ChatJS')!;
    expect(peer.files.map((file) => file.name)).toEqual(['dist/amazon-connect-chat.js']);
    expect(peer.bytes).toBe((await stat(join(packageDir('amazon-connect-chatjs'), 'dist/amazon-connect-chat.js'))).size);
  });

  it("bundles Papercups with react-dom's production build: its error codes, not its development warnings", async () => {
    const peer = peers.get('Papercups')!;
    const reactDom = join(packageDir('react-dom'), 'cjs');
    const production = await readFile(join(reactDom, 'react-dom.production.min.js'));
    expect(peer.gzipBytes).toBeGreaterThan(gzipSync(production, { level: 9 }).length + 10 * kB);
    const bundle = Buffer.from(await bundlePapercups());
    expect(bundle.length).toBe(peer.bytes);
    // A string each build of react-dom has and the other has not.
    const development = await readFile(join(reactDom, 'react-dom.development.js'), 'utf8');
    const productionOnly = 'Minified React error #';
    const developmentOnly = "It looks like you're using the wrong act()";
    expect([production.includes(productionOnly), production.includes(developmentOnly)]).toEqual([true, false]);
    expect([development.includes(productionOnly), development.includes(developmentOnly)]).toEqual([false, true]);
    expect([bundle.includes(productionOnly), bundle.includes(developmentOnly)]).toEqual([true, false]);
  });
});
