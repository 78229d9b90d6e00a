/** Browser-side helpers of the file tests: real files made in the page, and the events a person's paste or drag brings. */
import type { Message, ServerEvent } from '@support-chat/backend/protocol';
import { command } from './helpers.ts';

/** A real PNG, drawn on a canvas: a blue box with a diagonal, `width` × `height`. */
export async function pngFile(name = 'screenshot.png', width = 320, height = 200): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#2563eb';
  g.fillRect(0, 0, width, height);
  g.strokeStyle = '#ffffff';
  g.lineWidth = 8;
  g.beginPath();
  g.moveTo(0, 0);
  g.lineTo(width, height);
  g.stroke();
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'),
  );
  return new File([blob], name, { type: 'image/png' });
}

/** The bytes of a real one-page PDF that says `text` (its cross-reference table counted out). */
export function pdfBytes(text = 'Invoice 42'): Uint8Array<ArrayBuffer> {
  const content = `BT /F1 18 Tf 20 50 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 240 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

export const pdfFile = (name = 'invoice.pdf', type = 'application/pdf') => new File([pdfBytes()], name, { type });

/** What a paste of files (a screenshot from the clipboard) dispatches on the focused field. */
export function paste(target: Element, files: File[]): ClipboardEvent {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

/** One step of a person dragging files over the page: `dragenter`, `dragover`, `dragleave` or `drop`, on `target`. */
export function drag(target: Element, type: 'dragenter' | 'dragover' | 'dragleave' | 'drop', files: File[]): DragEvent {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  const event = new DragEvent(type, { dataTransfer: data, bubbles: true, composed: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

/** Makes the browser refuse every request to the local S3 (as a network that lost its way would), or stops refusing. */
export const blockStorage = (blocked: boolean) => command<boolean>('browser:blockStorage', { blocked });

/** A link fetched as a download is, outside the page: the status, every header, and the bytes. */
export async function download(url: string): Promise<{ status: number; headers: Record<string, string>; bytes: Uint8Array }> {
  const got = await command<{ status: number; headers: Record<string, string>; bytes: string }>('http:get', { url });
  return { ...got, bytes: Uint8Array.from(atob(got.bytes), (c) => c.charCodeAt(0)) };
}

/**
 * An Agent or a Visitor of helpers.ts sends a file over its own socket, as a client does
 * (slot, upload, message); answers the acknowledged message, or the error that refused it.
 */
export async function sendFileOn(
  socket: { id: string },
  file: File,
  options: { roomId?: string; text?: string; internal?: boolean } = {},
): Promise<Message | Extract<ServerEvent, { type: 'error' }>> {
  const data = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return command('socket:sendFile', { id: socket.id, name: file.name, type: file.type, base64: btoa(binary), ...options });
}
