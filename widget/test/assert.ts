/** The few assertions the browser tests use, with readable failure messages. */
export function equal<T>(actual: T, expected: T, what = 'value'): void {
  if (!Object.is(actual, expected)) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function deepEqual(actual: unknown, expected: unknown, what = 'value'): void {
  if (show(actual) !== show(expected)) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function ok(condition: unknown, what = 'condition'): asserts condition {
  if (!condition) throw new Error(`${what}: expected truthy, got ${show(condition)}`);
}

export function match(text: string, pattern: RegExp, what = 'text'): void {
  if (!pattern.test(text)) throw new Error(`${what}: ${show(text)} does not match ${pattern}`);
}

export function includes(text: string, part: string, what = 'text'): void {
  if (!text.includes(part)) throw new Error(`${what}: ${show(text)} does not include ${show(part)}`);
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
}
