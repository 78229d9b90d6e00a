import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerEventOf } from '../src/protocol/index.ts';
import { startTestStack, type TestStack } from './support/test-stack.ts';
import { PNG, uploadFile } from './support/uploads.ts';

describe('privacy in the console: findPerson, exportPerson, erasePerson', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await stack.createUser('plain.agent@example.com', { agent: true });
  });
  afterAll(() => stack.close());

  const person = async (email: string, name: string) => {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'identify', name, email }, 'profile');
    await visitor.request({ action: 'sendMessage', clientMsgId: `${name}-1`, text: `${name} writes` }, 'message');
    const { slot } = await uploadFile(visitor, { name: `${name}.png`, type: 'image/png', bytes: PNG }, `${name}-file`);
    await visitor.request(
      { action: 'sendMessage', clientMsgId: `${name}-file`, text: '', attachment: { id: slot.attachmentId } },
      'message',
    );
    return visitor;
  };

  it('refuses an agent who is not an admin, and tells nothing', async () => {
    const visitor = await person('nosy@example.com', 'Nosy');
    const agent = await stack.agent('plain.agent@example.com');
    for (const action of ['findPerson', 'exportPerson', 'erasePerson'] as const) {
      const error = await agent.request({ action, selector: { kind: 'room', value: visitor.roomId } }, 'error');
      expect(error).toMatchObject({ code: 'forbidden', action, message: expect.stringMatching(/^Only admins may /) });
    }
    // A visitor is refused too.
    const refused = await visitor.request({ action: 'exportPerson', selector: { kind: 'room', value: visitor.roomId } }, 'error');
    expect(refused.code).toBe('forbidden');
    expect(agent.all('person')).toEqual([]);
    expect(agent.all('personExport')).toEqual([]);
    // Still there, and the refusals left no audit record.
    const history = await visitor.request({ action: 'history' }, 'history');
    expect(history.messages).toHaveLength(2);
    expect((await stack.allItems(stack.tableNames.team)).filter((item) => item.pk === 'audit')).toEqual([]);
  });

  it('lets an admin find a person, download their export with links to their files, and erase them: their widget is told, then disconnected', async () => {
    const ada = await person('ada.console@example.com', 'Ada');
    const other = await person('other.console@example.com', 'Other');
    const admin = await stack.agent();
    const selector = { kind: 'email', value: 'Ada.Console@example.com' } as const;

    const found = await admin.request({ action: 'findPerson', selector }, 'person');
    expect(found).toEqual({
      type: 'person',
      selector,
      roomIds: [ada.roomId],
      counts: { roomItems: 3, customerBindings: 0, messages: 2, connections: 2, files: 2 },
    });

    const exported: ServerEventOf<'personExport'> = await admin.request({ action: 'exportPerson', selector }, 'personExport');
    const data = JSON.parse(exported.data);
    expect(data.roomIds).toEqual([ada.roomId]);
    expect(data.items.messages.map((m: { text: string }) => m.text)).toEqual(['Ada writes', '']);
    expect(exported.data).not.toContain(other.roomId);
    expect(exported.data).not.toContain('other.console@example.com');
    expect(exported.files).toEqual([expect.objectContaining({ name: 'Ada.png', type: 'image/png', size: PNG.length })]);
    const download = await fetch(exported.files[0]!.url);
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);

    const erased = await admin.request({ action: 'erasePerson', selector }, 'personErased');
    expect(erased.counts).toMatchObject({ roomItems: 3, messages: 2, files: 2 });
    // Her widget heard it last, before its connection closed; the other visitor heard nothing, and is still connected.
    expect(await ada.closed).toBeGreaterThan(0);
    expect(ada.all('roomErased')).toEqual([{ type: 'roomErased', roomId: ada.roomId }]);
    expect(ada.events.at(-1)).toEqual({ type: 'roomErased', roomId: ada.roomId });
    expect(other.all('roomErased')).toEqual([]);
    expect((await other.request({ action: 'history' }, 'history')).messages).toHaveLength(2);
    // Every console drops the room: the admin's own too.
    expect(await admin.next('roomErased')).toEqual({ type: 'roomErased', roomId: ada.roomId });
    const items = await Promise.all(Object.values(stack.tableNames).map((table) => stack.allItems(table)));
    expect(JSON.stringify(items)).not.toContain(ada.roomId);
    expect(JSON.stringify(items)).toContain(other.roomId);
    const audit = items.flat().filter((item) => item.pk === 'audit');
    expect(audit.map((item) => [item.action, item.by])).toEqual([
      ['export', expect.any(String)],
      ['erase', expect.any(String)],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Ada|ada\.console/);

    // Found again: nothing.
    const again = await admin.request({ action: 'findPerson', selector }, 'person', (e) => e !== found);
    expect(again).toMatchObject({ roomIds: [], counts: { roomItems: 0, messages: 0, files: 0 } });
  });

  it('refuses a malformed selector with a clear error, and changes nothing', async () => {
    const admin = await stack.agent();
    const before = await stack.allItems(stack.tableNames.rooms);
    const error = await admin.request({ action: 'erasePerson', selector: { kind: 'room', value: 'not-a-room' } }, 'error');
    expect(error).toMatchObject({ code: 'bad_request', message: '"not-a-room" is not a room id.' });
    const unknown = await admin.request({ action: 'erasePerson', selector: { kind: 'phone', value: '123' } }, 'error');
    expect(unknown.code).toBe('bad_request');
    expect(await stack.allItems(stack.tableNames.rooms)).toEqual(before);
  });
});
