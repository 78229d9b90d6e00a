import type { ErrorCode } from './protocol/index.ts';

/**
 * A refusal the client is told about. The message is written for the client: it never
 * holds a stack, an internal detail or another room's data.
 */
export class ChatError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ChatError';
  }
}

export class BadRequestError extends ChatError {
  constructor(message: string) {
    super('bad_request', message);
    this.name = 'BadRequestError';
  }
}

export class ForbiddenError extends ChatError {
  constructor(message: string) {
    super('forbidden', message);
    this.name = 'ForbiddenError';
  }
}

export class RoomNotFoundError extends ChatError {
  constructor() {
    super('not_found', 'No such room.');
    this.name = 'RoomNotFoundError';
  }
}

export class RateLimitedError extends ChatError {
  constructor(message = 'Too many frames: slow down and retry in a moment.') {
    super('rate_limited', message);
    this.name = 'RateLimitedError';
  }
}

export class NotFoundError extends ChatError {
  constructor(message: string) {
    super('not_found', message);
    this.name = 'NotFoundError';
  }
}

/** Someone else got there first (another agent took the conversation). */
export class ConflictError extends ChatError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'ConflictError';
  }
}
