/**
 * Creates a value on first use and keeps it for the life of the Lambda container. In a
 * module of its own: every handler imports it, and a handler bundles what it imports.
 */
export function once<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= create());
}
