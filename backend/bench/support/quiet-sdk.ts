/**
 * The delivery measure offers more than this machine's local stack serves, on purpose:
 * requests then queue behind the SDK's 50 sockets per client, and the SDK says so on the
 * console every 15 s per client. The bench reports that queueing as latency; the
 * warnings would only bury its output. Every other warning still prints.
 */
export function quietSdkSocketWarnings(): void {
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('@smithy/node-http-handler:WARN - socket usage at capacity')) return;
    warn(...args);
  };
}
