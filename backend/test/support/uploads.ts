import { crc32, deflateSync } from 'node:zlib';
import type { ServerEventOf } from '../../src/protocol/index.ts';
import type { TestSocket } from './test-socket.ts';

/** A real 1×1 PNG: signature, IHDR, IDAT and IEND, each with its CRC. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const frame = Buffer.alloc(8 + data.length + 4);
    frame.writeUInt32BE(data.length);
    body.copy(frame, 4);
    frame.writeUInt32BE(crc32(body), 8 + data.length);
    return frame;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 37, 99, 235]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real 1×1 PNG. */
export const PNG = png();

/** Asks for a slot and POSTs the bytes to it, as a browser does: the slot, and S3's answer. */
export async function uploadFile(
  socket: TestSocket,
  file: { name: string; type: string; bytes: Buffer; roomId?: string },
  clientMsgId: string,
): Promise<{ slot: ServerEventOf<'uploadSlot'>; status: number }> {
  const slot = await socket.request(
    {
      action: 'uploadSlot',
      clientMsgId,
      name: file.name,
      type: file.type,
      size: file.bytes.length,
      ...(file.roomId && { roomId: file.roomId }),
    },
    'uploadSlot',
    (e) => e.clientMsgId === clientMsgId,
  );
  const form = new FormData();
  for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const response = await fetch(slot.url, { method: 'POST', body: form, headers: { origin: 'http://localhost:5173' } });
  return { slot, status: response.status };
}
