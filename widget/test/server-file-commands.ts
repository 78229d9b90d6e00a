/**
 * The widget tests' commands for files: one sent as a client sends it (a slot, the upload,
 * the message), and the stack with a malware scan whose verdicts a test hands over.
 */

import { randomUUID } from 'node:crypto';
import { guardDutyScanResult, type ScanResultStatus } from '../../backend/local/guardduty.ts';
import type { Commands, TestServerState } from './server-state.ts';

export const fileCommands = (state: TestServerState): Commands => ({
  /**
   * Sends a file as a message on an agent's or a visitor's socket, as a client does: a slot,
   * the upload to S3 (the slot's fields, then the file), then `sendMessage` naming it.
   * Answers the acknowledged message, or the error that refused it.
   */
  'socket:sendFile': async ({ id, roomId, name, type, base64, text, internal }) => {
    const socket = state.socket(id);
    const clientMsgId = randomUUID();
    const bytes = Buffer.from(String(base64), 'base64');
    const room = roomId === undefined ? {} : { roomId };
    let from = socket.events.length;
    socket.send({ action: 'uploadSlot', clientMsgId, ...room, name, type, size: bytes.length });
    const slot = await socket.waitFor(
      (e) => (e.type === 'uploadSlot' || e.type === 'error') && 'clientMsgId' in e && e.clientMsgId === clientMsgId,
      from,
    );
    if (slot.type !== 'uploadSlot') return slot;
    const form = new FormData();
    for (const [field, value] of Object.entries(slot.fields)) form.append(field, value);
    form.append('file', new Blob([bytes], { type: String(type) }), String(name));
    const upload = await fetch(slot.url, { method: 'POST', body: form });
    if (!upload.ok) throw new Error(`upload: HTTP ${upload.status} ${await upload.text()}`);
    from = socket.events.length;
    socket.send({
      action: 'sendMessage',
      clientMsgId,
      ...room,
      text: String(text ?? ''),
      attachment: { id: slot.attachmentId },
      ...(internal ? { internal: true } : {}),
    });
    const answer = await socket.waitFor(
      (e) => (e.type === 'message' && e.message.clientMsgId === clientMsgId) || (e.type === 'error' && e.clientMsgId === clientMsgId),
      from,
    );
    return answer.type === 'message' ? answer.message : answer;
  },
  /**
   * The stack with a malware scan (files say `checking` until a verdict): its config.json is
   * served at /__config/scan.json. Started once, on first use.
   */
  'scan:start': async () => {
    state.scanning ??= state.extraStack('scan', { malwareScan: true });
    await state.scanning;
    return true;
  },
  /** GuardDuty's verdict on a file of the scanning stack, as EventBridge hands it over: `NO_THREATS_FOUND`, `THREATS_FOUND`, ... */
  'scan:verdict': async ({ roomId, attachmentId, status }) => {
    const { stack: scanStack } = await state.scanning!;
    await scanStack.scanResult(
      guardDutyScanResult(scanStack.s3.bucket, `files/${String(roomId)}/${String(attachmentId)}`, status as ScanResultStatus),
    );
    return true;
  },
});
