/**
 * A browser and an operating system, named as a person would ("Firefox 132", "macOS"),
 * from a User-Agent header. Only the common engines and systems: anything else is left
 * unnamed rather than guessed.
 */
export function describeUserAgent(userAgent: string | undefined): { browser?: string; os?: string } {
  if (!userAgent) return {};
  const ua = userAgent.slice(0, 512);
  const browser = browserOf(ua);
  const os = osOf(ua);
  return { ...(browser && { browser }), ...(os && { os }) };
}

/** Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", and Chrome on iOS is CriOS. */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/\bFirefox\/(\d+)/, 'Firefox'],
  [/\bFxiOS\/(\d+)/, 'Firefox'],
  [/\bCriOS\/(\d+)/, 'Chrome'],
  [/\bChrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)(?:\.\d+)*.*\bSafari\//, 'Safari'],
];

function browserOf(ua: string): string | undefined {
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) return `${name} ${match[1]}`;
  }
  return undefined;
}

function osOf(ua: string): string | undefined {
  if (/\b(?:iPhone|iPad|iPod)\b/.test(ua)) return 'iOS';
  if (/\bAndroid\b/.test(ua)) return 'Android';
  if (/\bCrOS\b/.test(ua)) return 'ChromeOS';
  if (/\bWindows\b/.test(ua)) return 'Windows';
  if (/\bMac OS X\b|\bMacintosh\b/.test(ua)) return 'macOS';
  if (/\bLinux\b/.test(ua)) return 'Linux';
  return undefined;
}
