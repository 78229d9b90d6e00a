import { optionalEnv, requireEnv } from '../config.ts';
import type { TeamSettings } from '../protocol/index.ts';
import { retentionDaysFromEnv, TeamRetention } from '../retention.ts';
import { connectionsTable, messagesTable, roomsTable, teamTable } from '../tables.ts';
import { defaultTeamSettings } from '../team-defaults.ts';
import { DynamoConnectionStore } from './connection-store.ts';
import { DynamoCustomerRooms } from './customer-rooms.ts';
import { createDocumentClient } from './dynamo.ts';
import { DynamoMessageStore } from './message-store.ts';
import { DynamoReportStore } from './report-store.ts';
import { createRoomStore } from './room-store.ts';
import { DynamoSendClaims } from './send-claims.ts';
import { DynamoTeamStore } from './team-store.ts';

/**
 * The stores, each built when a handler asks for it, from its table's variable: a handler
 * needs only the variables of the tables it uses. `DYNAMODB_ENDPOINT` points them at a
 * local server and is unset in production. `doc`: a client of the caller's (the bench and
 * the tests count what one handles). Conversation items are kept `RETENTION_DAYS`, or
 * shorter where the team's settings say so (`TeamRetention`), by `now`: the chat's clock
 * (a test's, which it may move).
 */
export function storesFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  doc = createDocumentClient({ endpoint: optionalEnv('DYNAMODB_ENDPOINT', env), region: optionalEnv('AWS_REGION', env) }),
  now: () => number = Date.now,
) {
  const retention = new TeamRetention(retentionDaysFromEnv(env), now);
  return {
    connections: () => new DynamoConnectionStore(doc, requireEnv(connectionsTable.envVar, env)),
    messages: () => new DynamoMessageStore(doc, requireEnv(messagesTable.envVar, env), retention),
    rooms: () => createRoomStore(doc, requireEnv(roomsTable.envVar, env), retention),
    claims: () => new DynamoSendClaims(doc, requireEnv(roomsTable.envVar, env), retention),
    customers: () => new DynamoCustomerRooms(doc, requireEnv(roomsTable.envVar, env), retention),
    team: () => new DynamoTeamStore(doc, requireEnv(teamTable.envVar, env), teamDefaultsFromEnv(env), retention),
    reports: () => new DynamoReportStore(doc, requireEnv(teamTable.envVar, env)),
  };
}

/** Every store, built now: what `$default` talks to (the bench's metered handler too, with its own `doc`). */
export function allStoresFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  doc?: Parameters<typeof storesFromEnv>[1],
  now?: Parameters<typeof storesFromEnv>[2],
) {
  const stores = storesFromEnv(env, doc, now);
  return {
    connections: stores.connections(),
    messages: stores.messages(),
    rooms: stores.rooms(),
    claims: stores.claims(),
    customers: stores.customers(),
    team: stores.team(),
    reports: stores.reports(),
  };
}

/** The deployment's default team settings (`TEAM_DEFAULTS`, JSON validated when the stack was built), else the built-in ones. */
function teamDefaultsFromEnv(env: NodeJS.ProcessEnv): TeamSettings {
  const json = optionalEnv('TEAM_DEFAULTS', env);
  return json ? (JSON.parse(json) as TeamSettings) : defaultTeamSettings();
}
