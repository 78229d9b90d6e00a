import type { ServerEvent } from '../protocol/index.ts';
import type { Member } from './model.ts';
import type { ConnectionGateway, Log } from './ports.ts';

/** A connection id, or a membership (which also says where the connection was found). */
export type Recipient = string | Pick<Member, 'connectionId' | 'partition'>;

/**
 * Sends the events of one invocation (a frame, a $disconnect) and notes the connections
 * found gone (HTTP 410), with the memberships they were found under. It never runs the
 * disconnect flow itself: the invocation prunes what it found, once, at its end.
 */
export class Delivery {
  private readonly found = new Map<string, Set<string>>();

  constructor(
    private readonly gateway: ConnectionGateway,
    private readonly log: Log,
  ) {}

  /** Sends one event to each recipient once; a failure for one does not stop the others. */
  async send(recipients: Iterable<Recipient>, event: ServerEvent): Promise<void> {
    const partitions = new Map<string, Set<string>>();
    for (const recipient of recipients) {
      const id = typeof recipient === 'string' ? recipient : recipient.connectionId;
      const seenIn = partitions.get(id) ?? new Set<string>();
      if (typeof recipient !== 'string') seenIn.add(recipient.partition);
      partitions.set(id, seenIn);
    }
    await Promise.all(
      [...partitions].map(async ([connectionId, seenIn]) => {
        try {
          if (await this.gateway.send(connectionId, event)) return;
          const gone = this.found.get(connectionId) ?? new Set<string>();
          for (const partition of seenIn) gone.add(partition);
          this.found.set(connectionId, gone);
        } catch (error) {
          this.log.error('could not deliver an event', { connectionId, eventType: event.type, error: asError(error) });
        }
      }),
    );
  }

  /** The connections found gone since the last call, each with where it was found. */
  takeGone(): Map<string, Set<string>> {
    const gone = new Map(this.found);
    this.found.clear();
    return gone;
  }
}

/** What was thrown, as an Error for the log (which keeps its stack). */
export function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}
