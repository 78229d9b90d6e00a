import { randomBytes } from 'node:crypto';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { AttachmentType } from '../protocol/attachments.ts';
import { HEAD_BYTES, mismatchSentence, realTypeOf } from './file-types.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** A file as the check sees it, over bytes in memory, counting what it reads. */
function fileOf(bytes: Uint8Array) {
  const reads: Array<[number, number]> = [];
  return {
    reads,
    size: bytes.length,
    read: async (offset: number, length: number) => {
      reads.push([offset, length]);
      return bytes.subarray(offset, offset + length);
    },
  };
}

const realType = (bytes: Uint8Array, declared: AttachmentType) => realTypeOf(fileOf(bytes), declared);

/** A real 2×1 PNG (signature, IHDR, IDAT, IEND, each chunk with its CRC). */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const pixels = Buffer.from([0, 255, 0, 0, 0, 0, 255]); // filter byte, a red and a blue pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Known-good tiny images: a 1×1 JPEG (JFIF), GIF and WebP (VP8). */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
  'base64',
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const WEBP = Buffer.from('UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA', 'base64');

/** The start of a HEIC photo as an iPhone writes it: an `ftyp` box, then the `meta` box. */
function heic(major: string, compatible: string[]): Buffer {
  const brands = [major, '\0\0\0\0', ...compatible].join('');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + brands.length);
  return Buffer.concat([size, Buffer.from(`ftyp${brands}`, 'latin1'), Buffer.from('\0\0\0\x22meta\0\0\0\0', 'latin1'), Buffer.alloc(64)]);
}

/** A one-page PDF with its cross-reference table, as a PDF writer makes it. */
function pdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A ZIP archive (deflated entries, central directory, end record), as Office and any zip tool write it. */
function zip(entries: Record<string, string>, comment = ''): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const commentBytes = Buffer.from(comment, 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(commentBytes.length, 20);
  return Buffer.concat([...locals, directory, end, commentBytes]);
}

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.main+xml"/></Types>`;
const rels = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/></Relationships>`;
const office = (main: string, extra: Record<string, string> = {}) =>
  zip({ '[Content_Types].xml': contentTypes(main), '_rels/.rels': rels(main), [main]: '<root/>', ...extra });

const DOCX_FILE = office('word/document.xml', { 'word/styles.xml': '<w:styles/>', 'docProps/core.xml': '<cp:coreProperties/>' });
const XLSX_FILE = office('xl/workbook.xml', { 'xl/worksheets/sheet1.xml': '<worksheet/>' });
const PPTX_FILE = office('ppt/presentation.xml', { 'ppt/slides/slide1.xml': '<p:sld/>' });

describe('the real type of a file, from its bytes', () => {
  it('knows each image on the list by its signature', async () => {
    expect(await realType(png(), 'image/png')).toBe('image/png');
    expect(await realType(JPEG, 'image/jpeg')).toBe('image/jpeg');
    expect(await realType(GIF, 'image/gif')).toBe('image/gif');
    expect(await realType(WEBP, 'image/webp')).toBe('image/webp');
    expect(await realType(heic('heic', ['mif1', 'heic']), 'image/heic')).toBe('image/heic');
    // Some cameras write the generic HEIF brand first and say HEVC among the compatible ones.
    expect(await realType(heic('mif1', ['mif1', 'heic']), 'image/heic')).toBe('image/heic');
  });

  it('does not take an AVIF (HEIF, but AV1-coded) for a HEIC photo', async () => {
    expect(await realType(heic('avif', ['avif', 'mif1']), 'image/heic')).toBeUndefined();
    expect(await realType(heic('mif1', ['mif1', 'avif']), 'image/heic')).toBeUndefined();
  });

  it('knows a PDF', async () => {
    expect(await realType(pdf(), 'application/pdf')).toBe('application/pdf');
  });

  it('tells Word, Excel and PowerPoint apart by the parts their ZIP holds', async () => {
    expect(await realType(DOCX_FILE, DOCX)).toBe(DOCX);
    expect(await realType(XLSX_FILE, DOCX)).toBe(XLSX);
    expect(await realType(PPTX_FILE, PPTX)).toBe(PPTX);
    // A ZIP comment moves the end record: it is searched for from the end.
    expect(await realType(office('word/document.xml'), DOCX)).toBe(DOCX);
    expect(
      await realType(zip({ '[Content_Types].xml': contentTypes('xl/workbook.xml'), 'xl/workbook.xml': '<w/>' }, 'made by a tool'), XLSX),
    ).toBe(XLSX);
  });

  it('reads only the start, the end and the directory of a large Office file', async () => {
    // Random text deflates little: the archive is some 300 KB.
    const big = office('word/document.xml', { 'word/media/photo.txt': randomBytes(300_000).toString('base64') });
    expect(big.length).toBeGreaterThan(300_000);
    const file = fileOf(big);
    expect(await realTypeOf(file, DOCX)).toBe(DOCX);
    const read = file.reads.reduce((sum, [, length]) => sum + length, 0);
    expect(read).toBeLessThan(HEAD_BYTES + 22 + 0xffff + 1024);
  });

  it('takes no ZIP that is not an Office document', async () => {
    expect(await realType(zip({ 'photos/cat.jpg': 'not really a cat', 'readme.txt': 'hello' }), DOCX)).toBeUndefined();
    // Parts of two kinds at once: not a document any Office application writes.
    expect(await realType(zip({ '[Content_Types].xml': '', 'word/document.xml': '', 'xl/workbook.xml': '' }), DOCX)).toBeUndefined();
    // Cut off before its central directory.
    expect(await realType(DOCX_FILE.subarray(0, DOCX_FILE.length - 30), DOCX)).toBeUndefined();
  });

  it('takes UTF-8 text as the text type it was sent as', async () => {
    const text = Buffer.from('Error: quota exceeded (code 429)\nRetry après 5 min — merci 🙏\n', 'utf8');
    const csv = Buffer.from('date,amount,currency\n2026-11-02,12.50,EUR\n2026-11-03,"1,200.00",USD\n', 'utf8');
    expect(await realType(text, 'text/plain')).toBe('text/plain');
    expect(await realType(csv, 'text/csv')).toBe('text/csv');
    expect(await realType(text, 'text/csv')).toBe('text/csv');
    expect(await realType(csv, 'text/plain')).toBe('text/plain');
  });

  it('allows a character cut in two by the end of what it reads, when the file goes on', async () => {
    const long = Buffer.from(`${'a'.repeat(HEAD_BYTES - 1)}é and more`, 'utf8');
    expect(long[HEAD_BYTES - 1]).toBe(0xc3);
    expect(await realType(long, 'text/plain')).toBe('text/plain');
    // The same cut at the very end of a file is broken UTF-8.
    expect(await realType(long.subarray(0, HEAD_BYTES), 'text/plain')).toBeUndefined();
  });

  it('takes nothing binary for text', async () => {
    const blob = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256));
    expect(await realType(blob, 'text/plain')).toBeUndefined();
    expect(await realType(Buffer.from('looks like text\0but has a NUL', 'latin1'), 'text/plain')).toBeUndefined();
    expect(await realType(Buffer.from('caf\xe9 in Latin-1', 'latin1'), 'text/plain')).toBeUndefined();
  });

  it('takes no SVG and no HTML, whatever they are sent as', async () => {
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const html = Buffer.from('\uFEFF  <!DOCTYPE html><html><body><script>steal()</script></body></html>');
    for (const declared of ['image/png', 'text/plain', 'text/csv'] as const) {
      expect(await realType(svg, declared)).toBeUndefined();
      expect(await realType(html, declared)).toBeUndefined();
    }
    expect(await realType(Buffer.from('<svg onload="x()"/>'), 'text/plain')).toBeUndefined();
  });

  it('says what a file really is when it is another type on the list', async () => {
    expect(await realType(pdf(), 'image/png')).toBe('application/pdf');
    expect(await realType(png(), 'application/pdf')).toBe('image/png');
    expect(await realType(JPEG, 'image/png')).toBe('image/jpeg');
    expect(await realType(pdf(), 'text/plain')).toBe('application/pdf');
  });
});

describe('the sentence for a refused file', () => {
  it('names the type the file was sent as when it is another type on the list', () => {
    expect(mismatchSentence('image/png', 'application/pdf')).toBe('This file is not a PNG image.');
    expect(mismatchSentence(XLSX, DOCX)).toBe('This file is not an Excel workbook.');
  });

  it('says the file cannot be sent when it is nothing on the list', () => {
    expect(mismatchSentence('image/png', undefined)).toBe("This type of file can't be sent.");
  });
});
