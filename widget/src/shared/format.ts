/** Fills a text's `{name}` slots from `values`; a slot with no value stays as it is. */
export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (slot, key: string) => (key in values ? String(values[key]) : slot));
}

/**
 * A file's size as people read it, in the language's way: "2.4 MB", "830 KB", "12 bytes"
 * ("2,4 Mo" in French). Binary units, as file managers and phones count them.
 */
export function fileSize(bytes: number, lang = 'en'): string {
  const [value, unit] = bytes >= 2 ** 20 ? [bytes / 2 ** 20, 'megabyte'] : bytes >= 1024 ? [bytes / 1024, 'kilobyte'] : [bytes, 'byte'];
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit,
    unitDisplay: unit === 'byte' ? 'long' : 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}
