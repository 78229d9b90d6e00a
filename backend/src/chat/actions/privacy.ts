import { fileRefOfKey } from '../../aws/s3-bucket.ts';
import { BadRequestError, ChatError } from '../../errors.ts';
import { checkedSelector, findPerson, type PersonSelector, PersonSelectorError } from '../../privacy/person.ts';
import { countsOf, erasePerson, personData, recordExport } from '../../privacy/privacy.ts';
import type { PrivacyStores } from '../../privacy/stores.ts';
import { DOWNLOAD_URL_SECONDS } from '../../protocol/attachments.ts';
import type { ErasePersonFrame, ExportedFileLink, ExportPersonFrame, FindPersonFrame, PersonRef } from '../../protocol/index.ts';
import type { ChatContext } from '../deps.ts';
import type { AgentConnection } from '../model.ts';

/**
 * The largest export the console is sent (API Gateway takes frames up to 128 KB): a larger
 * one is refused, with `npm run privacy -- export` named instead, which has no such limit.
 */
export const MAX_CONSOLE_EXPORT_CHARS = 100_000;

/** What is stored about a person: their rooms, and how many items of each kind. Nothing is recorded. */
export async function findPersonAction(ctx: ChatContext, caller: AgentConnection, frame: FindPersonFrame): Promise<void> {
  const stores = privacyOf(ctx);
  const data = await personData(stores, selectorOf(frame.selector));
  await ctx.out.send([caller.connectionId], {
    type: 'person',
    selector: frame.selector,
    roomIds: data.person.roomIds,
    counts: countsOf(data),
  });
}

/**
 * Everything stored about a person, as the JSON text of every item, and a five-minute link to
 * each checked file of theirs (their uploads are the same bytes, or files refused). The audit
 * records the admin who asked.
 */
export async function exportPersonAction(ctx: ChatContext, caller: AgentConnection, frame: ExportPersonFrame): Promise<void> {
  const stores = privacyOf(ctx);
  const data = await personData(stores, selectorOf(frame.selector));
  const now = ctx.now();
  const json = JSON.stringify(
    {
      exportedAt: new Date(now).toISOString(),
      selector: frame.selector,
      roomIds: data.person.roomIds,
      items: data.items,
      objects: data.objects,
    },
    (_key, value) => (value instanceof Set ? [...value] : value),
  );
  if (json.length > MAX_CONSOLE_EXPORT_CHARS) {
    throw new ChatError('too_large', 'This export is too large for the console: run npm run privacy -- export instead.');
  }
  const files: ExportedFileLink[] = [];
  for (const object of data.objects) {
    const ref = fileRefOfKey(object.key);
    const file = ref && ctx.files ? await ctx.files.get(ref) : undefined;
    if (!file) continue;
    const link = await ctx.files!.downloadUrl(file, DOWNLOAD_URL_SECONDS);
    files.push({ key: object.key, name: file.name, type: file.type, size: file.size, ...link });
  }
  await recordExport(stores, data, caller.agentId, now);
  await ctx.out.send([caller.connectionId], { type: 'personExport', selector: frame.selector, data: json, files });
}

/**
 * Erases everything stored about a person (privacy.ts) and records who did it: their open
 * widgets are told (`roomErased`) and start afresh, their connections close, and every
 * console drops their rooms.
 */
export async function erasePersonAction(ctx: ChatContext, caller: AgentConnection, frame: ErasePersonFrame): Promise<void> {
  const stores = privacyOf(ctx);
  const person = await findPerson(stores, selectorOf(frame.selector));
  const counts = await erasePerson(stores, person, caller.agentId, ctx.now(), ctx.gateway);
  ctx.log.info('erased a person', { rooms: person.roomIds.length, by: caller.agentId });
  await ctx.out.send([caller.connectionId], { type: 'personErased', selector: frame.selector, counts });
}

function privacyOf(ctx: ChatContext): PrivacyStores {
  if (!ctx.privacy) throw new BadRequestError('This deployment cannot export or erase from the console.');
  return ctx.privacy;
}

function selectorOf(ref: PersonRef): PersonSelector {
  try {
    return checkedSelector(ref.kind, ref.value);
  } catch (error) {
    if (error instanceof PersonSelectorError) throw new BadRequestError(error.message);
    throw error;
  }
}
