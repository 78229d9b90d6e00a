import { AGENT_INBOX } from '../chat/model.ts';
import type { ConnectionGateway } from '../chat/ports.ts';
import type { ServerEvent } from '../protocol/index.ts';
import { eachPartition } from './conversation-items.ts';
import type { Person } from './person.ts';
import type { PrivacyStores } from './stores.ts';

/** How an erasure reaches the open widgets and consoles: API Gateway's `@connections` (the handler's, or `npm run privacy`'s own). */
export type ErasureGateway = Pick<ConnectionGateway, 'send' | 'disconnect'>;

/** The connections open when an erasure starts: the person's visitors' (with their room), and every agent console. */
export interface LiveConnections {
  visitors: { connectionId: string; roomId: string }[];
  agents: string[];
}

/** Read from the Connections table as it is stored, as the erasure reads everything else. */
export async function liveConnections(stores: PrivacyStores, person: Pick<Person, 'roomIds'>): Promise<LiveConnections> {
  const live: LiveConnections = { visitors: [], agents: [] };
  for await (const membership of eachPartition(stores, 'connections', 'pk', person.roomIds)) {
    if (membership.role === 'visitor') live.visitors.push({ connectionId: membership.sk as string, roomId: membership.pk as string });
  }
  for await (const membership of eachPartition(stores, 'connections', 'pk', [AGENT_INBOX])) live.agents.push(membership.sk as string);
  return live;
}

/**
 * Tells the person's widgets, before anything is deleted, so that they stop sending into
 * the conversation and forget it (in every tab of their browser) rather than show it
 * until reloaded. A failed post does not stop the erasure: that widget is refused at its
 * next frame, and empty once reloaded.
 */
export function tellVisitors(gateway: ErasureGateway, live: LiveConnections): Promise<unknown> {
  return Promise.all(live.visitors.map(({ connectionId, roomId }) => post(gateway, connectionId, { type: 'roomErased', roomId })));
}

/** Once deleted: the visitors' connections close, and every console drops the rooms. */
export function closeAndTellAgents(gateway: ErasureGateway, live: LiveConnections, roomIds: string[]): Promise<unknown> {
  return Promise.all([
    ...live.visitors.map(({ connectionId }) => gateway.disconnect(connectionId).catch(() => {})),
    ...live.agents.flatMap((connectionId) => roomIds.map((roomId) => post(gateway, connectionId, { type: 'roomErased', roomId }))),
  ]);
}

function post(gateway: ErasureGateway, connectionId: string, event: ServerEvent): Promise<boolean> {
  return gateway.send(connectionId, event).catch(() => false);
}
