/**
 * The widget tests' commands for what goes wrong between a page and the server: a network
 * hop that goes silent, connections cut without a close, responses held back, and a GET
 * from the server's side.
 */

import { randomUUID } from 'node:crypto';
import { startFlakyNetwork } from '../../backend/local/flaky-network.ts';
import type { Commands, TestServerState } from './server-state.ts';

export const networkCommands = (state: TestServerState): Commands => ({
  /** A TCP hop to the gateway that can go silent (see FlakyNetwork): `{ id, url }`. */
  'network:start': async () => {
    const hop = await startFlakyNetwork(new URL(state.stack.websocketUrl));
    const id = randomUUID();
    state.networks.set(id, hop);
    return { id, url: hop.url };
  },
  'network:cut': ({ id }) => {
    state.network(id).cut();
    return true;
  },
  'network:restore': ({ id }) => {
    state.network(id).restore();
    return true;
  },
  /** Cuts the room's visitor connections without a close handshake, as a lost network does. */
  'room:drop': async ({ roomId }) => {
    const members = await state.stack.deps.connections.members(String(roomId));
    const visitors = members.filter((m) => m.role === 'visitor');
    for (const m of visitors) state.stack.gateway.drop(m.connectionId);
    return visitors.length;
  },
  /** Cuts the room's agent connections without a close handshake. */
  'room:dropAgents': async ({ roomId }) => {
    const agents = (await state.stack.deps.connections.members(String(roomId))).filter((m) => m.role === 'agent');
    for (const m of agents) state.stack.gateway.drop(m.connectionId);
    return agents.length;
  },
  /** Lets a held response (/__hold/ID.svg) go, or lets it through unheld if it has not come yet. */
  'hold:release': ({ id }) => {
    state.holding(String(id)).release();
    return true;
  },
  /**
   * GETs a URL from the test server (a presigned link, as a browser's download would):
   * its status, the headers a page's fetch may not read across origins, and its bytes.
   */
  'http:get': async ({ url }) => {
    const response = await fetch(String(url));
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      bytes: Buffer.from(await response.arrayBuffer()).toString('base64'),
    };
  },
});
