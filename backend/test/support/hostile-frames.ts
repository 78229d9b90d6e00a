import type * as z from 'zod/mini';
import { localTeamDefaults } from '../../local/stack.ts';
import { type ClientAction, clientActionSchemas, MAX_FRAME_BYTES } from '../../src/protocol/index.ts';

/**
 * Hostile frames, generated from the protocol's own schemas so that a field or an action
 * added later is attacked too. Each case says what the protocol documents for it: an
 * `error` event with a code (the connection stays usable), or a close with a code.
 */
export type HostileCase =
  | { label: string; frame: string | Buffer; binary?: boolean; expect: { error: string; field?: string } }
  | { label: string; frame: string | Buffer; binary?: boolean; expect: { close: number } };

/** A valid frame of every action (checked valid by the test): the base each wrong value is put into. */
export function validFrames(roomId: string): Record<ClientAction, Record<string, unknown>> {
  const attachmentId = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
  return {
    sendMessage: { action: 'sendMessage', clientMsgId: 'hostile-1', text: 'hi', roomId, internal: true, attachment: { id: attachmentId } },
    history: { action: 'history', roomId, after: 0, limit: 10 },
    typing: { action: 'typing', roomId, isTyping: true },
    read: { action: 'read', roomId, seq: 1 },
    identify: { action: 'identify', name: 'Mallory', email: 'mallory@example.com' },
    join: { action: 'join', roomId },
    leave: { action: 'leave', roomId },
    listRooms: { action: 'listRooms', status: 'open', limit: 10 },
    closeRoom: { action: 'closeRoom', roomId, askRating: false },
    rate: { action: 'rate', roomId, score: 3, comment: 'ok' },
    ping: { action: 'ping' },
    uploadSlot: { action: 'uploadSlot', clientMsgId: 'hostile-2', roomId, name: 'a.png', type: 'image/png', size: 10 },
    attachmentUrl: { action: 'attachmentUrl', roomId, attachmentId },
    context: {
      action: 'context',
      lang: 'de',
      timeZone: 'Europe/Berlin',
      page: { url: 'https://example.com/', title: 'T' },
      referrer: 'https://example.org/',
    },
    emailTranscript: { action: 'emailTranscript' },
    setStatus: { action: 'setStatus', status: 'away' },
    getTeam: { action: 'getTeam' },
    report: { action: 'report', from: '2026-01-01', to: '2026-01-31', agentId: 'agent-1' },
    updateSettings: { action: 'updateSettings', settings: { ...localTeamDefaults(), escalateAfterMinutes: 10 } },
    assign: { action: 'assign', roomId, agentId: 'agent-1' },
    unassign: { action: 'unassign', roomId },
    reopenRoom: { action: 'reopenRoom', roomId },
    visitorRooms: { action: 'visitorRooms', roomId },
    listReplies: { action: 'listReplies' },
    saveReply: {
      action: 'saveReply',
      reply: { id: 'r1', shortcut: 'hi', title: 'Hi', text: { en: 'Hello', de: 'Hallo', es: 'Hola', fr: 'Salut', default: 'Hello' } },
    },
    deleteReply: { action: 'deleteReply', id: 'r1' },
    updateProfile: { action: 'updateProfile', name: 'Mallory', color: '#123456' },
    listAgents: { action: 'listAgents' },
    inviteAgent: { action: 'inviteAgent', email: 'x@example.com', name: 'X', admin: false },
    removeAgent: { action: 'removeAgent', agentId: 'agent-1' },
    setAdmin: { action: 'setAdmin', agentId: 'agent-1', admin: true },
    findPerson: { action: 'findPerson', selector: { kind: 'room', value: roomId } },
    exportPerson: { action: 'exportPerson', selector: { kind: 'room', value: roomId } },
    erasePerson: { action: 'erasePerson', selector: { kind: 'room', value: roomId } },
  };
}

/** Values of every JSON type; each field gets those its schema refuses. */
const WRONG_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 1e300, '', 'x', 'A'.repeat(43), [], ['x'], {}, { a: 1 }];

type Def = { type: string; innerType?: z.ZodMiniType; in?: z.ZodMiniType; shape?: Record<string, z.ZodMiniType> };
const defOf = (schema: z.ZodMiniType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The object schema under optional and pipe wrappers, if the field is an object. */
function objectShape(schema: z.ZodMiniType): Record<string, z.ZodMiniType> | undefined {
  const def = defOf(schema);
  if (def.type === 'optional' && def.innerType) return objectShape(def.innerType);
  if (def.type === 'pipe' && def.in) return objectShape(def.in);
  return def.type === 'object' ? def.shape : undefined;
}

/** Every field path of a schema, nested objects included (arrays and unions are attacked whole). */
function fieldPaths(shape: Record<string, z.ZodMiniType>, prefix: string[] = []): { path: string[]; schema: z.ZodMiniType }[] {
  return Object.entries(shape).flatMap(([key, schema]) => {
    const path = [...prefix, key];
    const inner = objectShape(schema);
    return [{ path, schema }, ...(inner ? fieldPaths(inner, path) : [])];
  });
}

function withValue(frame: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(frame);
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

const isPlainObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every object inside a frame, by path: where prototype keys go. */
function objectPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return [prefix, ...Object.entries(value).flatMap(([key, inner]) => objectPaths(inner, [...prefix, key]))];
}

/** Wrong types (and values) in every field of every action: `bad_request`, naming the field. */
export function wrongTypeCases(roomId: string): HostileCase[] {
  const frames = validFrames(roomId);
  return Object.entries(clientActionSchemas).flatMap(([action, schema]) => {
    const base = frames[action as ClientAction];
    const shape = objectShape(schema as z.ZodMiniType);
    if (!shape) throw new Error(`the schema of ${action} is not an object`);
    return fieldPaths(shape)
      .filter(({ path }) => path.join('.') !== 'action')
      .flatMap(({ path, schema: field }) =>
        WRONG_VALUES.filter((value) => !field.safeParse(value).success).map((value) => ({
          label: `${action}.${path.join('.')} = ${JSON.stringify(value).slice(0, 20)}`,
          frame: JSON.stringify(withValue(base, path, value)),
          // An object given for an object is refused for its own fields (named, or counted), not by the path.
          expect: isPlainObject(value) && objectShape(field) ? { error: 'bad_request' } : { error: 'bad_request', field: path.join('.') },
        })),
      );
  });
}

/** `__proto__`, `constructor` and `prototype` at every level of every action's frame: `bad_request`. */
export function prototypeKeyCases(roomId: string): HostileCase[] {
  const frames = validFrames(roomId);
  const payloads: unknown[] = [{ isAdmin: true, role: 'agent' }, { prototype: { polluted: 1 } }, 'x', null];
  return Object.entries(frames).flatMap(([action, base]) =>
    objectPaths(base).flatMap((path) =>
      ['__proto__', 'constructor', 'prototype'].flatMap((key) =>
        payloads.map((payload) => {
          const frame = structuredClone(base);
          let at = frame;
          for (const step of path) at = at[step] as Record<string, unknown>;
          // An own property named __proto__, as JSON.parse makes one (plain assignment would set the prototype).
          Object.defineProperty(at, key, { value: payload, enumerable: true, writable: true, configurable: true });
          return {
            label: `${action} ${[...path, key].join('.')} = ${JSON.stringify(payload)}`,
            frame: JSON.stringify(frame),
            expect: { error: 'bad_request' },
          };
        }),
      ),
    ),
  );
}

/** Not JSON, or JSON that is no object with an action: every prefix of a real frame, and the classics. */
export function malformedJsonCases(): HostileCase[] {
  const real = JSON.stringify({ action: 'sendMessage', clientMsgId: 'cut-1', text: 'ünïcødé 👋 "quoted"' });
  const prefixes = [...real].map((_, i) => [...real].slice(0, i).join(''));
  const classics = [
    ' ',
    'null',
    'true',
    '0',
    '"sendMessage"',
    '[]',
    '[{"action":"ping"}]',
    "{'action':'ping'}",
    '{"action":"ping",}',
    '{action:"ping"}',
    'NaN',
    '{"action":"ping"}{"action":"ping"}',
    '{"action":"ping"} x',
    '\u0000',
    '\uFEFF{"action":"ping"}',
    '{"action":"ping"\u0000}',
    '{"action":"sendMessage","clientMsgId":"a","text":"\\ud800"}x',
    '{"action":"ping","action":"listRooms"',
    '{"action":"\\u0070ing"',
  ];
  return [...prefixes, ...classics].map((frame) => ({
    label: `malformed ${JSON.stringify(frame).slice(0, 40)}`,
    frame,
    expect: { error: 'bad_request' },
  }));
}

/** Nesting 10,000 deep (arrays) and 5,000 deep (objects, to stay under 32 KB), bare and in fields. */
export function deepNestingCases(): HostileCase[] {
  const arrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const objects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const deep = [arrays(10_000), objects(5_000)];
  return deep.flatMap((nested, i) => [
    { label: `bare nesting ${i}`, frame: nested, expect: { error: 'bad_request' } },
    { label: `nesting in an unknown field ${i}`, frame: `{"action":"ping","x":${nested}}`, expect: { error: 'bad_request' } },
    {
      label: `nesting as a text ${i}`,
      frame: `{"action":"sendMessage","clientMsgId":"deep-${i}","text":${nested}}`,
      expect: { error: 'bad_request', field: 'text' },
    },
    { label: `nesting as an action ${i}`, frame: `{"action":${nested}}`, expect: { error: 'unknown_action' } },
    { label: `nesting as an id ${i}`, frame: `{"action":"history","after":${nested}}`, expect: { error: 'bad_request', field: 'after' } },
  ]);
}

/** A visitor naming another visitor's room, or using an agent's action on it: `forbidden`. */
export function foreignRoomCases(foreignRoomId: string, agentOnly: ReadonlySet<string>): HostileCase[] {
  const frames = validFrames(foreignRoomId);
  const visitorFrames = {
    sendMessage: { action: 'sendMessage', clientMsgId: 'steal-1', text: 'let me in', roomId: foreignRoomId },
    history: { action: 'history', roomId: foreignRoomId },
    typing: { action: 'typing', roomId: foreignRoomId, isTyping: true },
    read: { action: 'read', roomId: foreignRoomId, seq: 1 },
    rate: { action: 'rate', roomId: foreignRoomId, score: 5 },
    uploadSlot: frames.uploadSlot,
    attachmentUrl: frames.attachmentUrl,
  };
  const agentFrames = Object.entries(frames).filter(([action]) => agentOnly.has(action));
  return [...Object.entries(visitorFrames), ...agentFrames].flatMap(([action, frame]) => [
    { label: `foreign room: ${action}`, frame: JSON.stringify(frame), expect: { error: 'forbidden' } },
  ]);
}

/** Binary frames: JSON text must be UTF-8 (RFC 8259), so bytes that are not are `bad_request`, as is noise. */
export function binaryCases(): HostileCase[] {
  const noise = Array.from({ length: 20 }, (_, i) =>
    Buffer.from(Array.from({ length: 1 + i * 37 }, (_, j) => (j * 131 + i * 17 + 128) % 256)),
  );
  const notUtf8Text = [
    Buffer.concat([Buffer.from('{"action":"sendMessage","clientMsgId":"bin-1","text":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    Buffer.concat([Buffer.from('{"action":"identify","name":"'), Buffer.from([0xc0, 0x80]), Buffer.from('"}')]),
  ];
  return [...noise, ...notUtf8Text].map((frame, i) => ({ label: `binary ${i}`, frame, binary: true, expect: { error: 'bad_request' } }));
}

/** Text frames that are not UTF-8: RFC 6455 (and the gateway) closes the connection with 1007. */
export function invalidUtf8TextCases(): HostileCase[] {
  const wrap = (bytes: number[]) =>
    Buffer.concat([Buffer.from('{"action":"sendMessage","clientMsgId":"utf-1","text":"'), Buffer.from(bytes), Buffer.from('"}')]);
  const sequences = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf5, 0x80, 0x80, 0x80], [0x80]];
  return sequences.map((bytes) => ({ label: `text not UTF-8 ${bytes.join(',')}`, frame: wrap(bytes), expect: { close: 1007 } }));
}

/** Frames over API Gateway's 32 KB: closed with 1009, text or binary. */
export function oversizedCases(): HostileCase[] {
  const sizes = [MAX_FRAME_BYTES + 1, MAX_FRAME_BYTES * 2, 1024 * 1024];
  return sizes.flatMap((size) => [
    {
      label: `text of ${size} bytes`,
      frame: JSON.stringify({ action: 'sendMessage', clientMsgId: 'big', text: 'x'.repeat(size) }),
      expect: { close: 1009 },
    },
    { label: `binary of ${size} bytes`, frame: Buffer.alloc(size, 0x7b), binary: true, expect: { close: 1009 } },
  ]);
}
