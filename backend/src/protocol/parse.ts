import type * as z from 'zod/mini';
import type { $ZodError } from 'zod/v4/core';
import { type ClientFrame, clientActionSchemas, isClientAction } from './client-actions.ts';
import { MAX_TEXT_LENGTH, textLength } from './limits.ts';
import type { ErrorCode } from './server-events.ts';

export interface ProtocolError {
  code: ErrorCode;
  message: string;
  action?: string;
  clientMsgId?: string;
}

export type ParseResult = { ok: true; frame: ClientFrame } | { ok: false; error: ProtocolError };

/**
 * Turns one text frame into a validated client frame, or into the error event the
 * client gets back. Never throws: every malformed input is an answer, not a crash.
 * sendMessage's text arrives trimmed.
 */
export function parseClientFrame(raw: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return fail('bad_request', 'The frame is not valid JSON.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('bad_request', 'The frame must be a JSON object with an "action".');
  }
  const record = data as Record<string, unknown>;
  const action = record.action;
  // Echo the client's ids back only when they are plain strings of a sane size, so an
  // error event never reflects arbitrary input.
  const clientMsgId = echoable(record.clientMsgId);
  if (action === undefined) return fail('bad_request', 'The frame has no "action".', undefined, clientMsgId);
  if (!isClientAction(action)) {
    return fail('unknown_action', 'Unknown action.', echoable(action), clientMsgId);
  }

  if (action === 'sendMessage' && typeof record.text === 'string') {
    const trimmed = record.text.trim();
    if (textLength(trimmed) > MAX_TEXT_LENGTH) {
      return fail('too_large', `The text is longer than ${MAX_TEXT_LENGTH} characters.`, action, clientMsgId);
    }
    if (trimmed.length === 0 && record.attachment === undefined) return fail('bad_request', 'The text is empty.', action, clientMsgId);
    record.text = trimmed;
  }

  const parsed = (clientActionSchemas[action] as z.ZodMiniType<ClientFrame>).safeParse(record);
  if (!parsed.success) return fail('bad_request', describe(parsed.error), action, clientMsgId);
  return { ok: true, frame: parsed.data };
}

function fail(code: ErrorCode, message: string, action?: string, clientMsgId?: string): ParseResult {
  const error: ProtocolError = { code, message };
  if (action !== undefined) error.action = action;
  if (clientMsgId !== undefined) error.clientMsgId = clientMsgId;
  return { ok: false, error };
}

function echoable(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined;
}

/** One readable sentence per problem, naming the field but never echoing its value. */
function describe(error: $ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return unexpectedFields(issue.keys);
      const field = issue.path.join('.');
      return field ? `${field}: ${issue.message}.` : `${issue.message}.`;
    })
    .join(' ');
}

/**
 * Names unexpected fields only when they look like field names (a typo worth pointing
 * at); anything else is counted, so an error never reflects attacker-chosen text.
 */
function unexpectedFields(keys: readonly string[]): string {
  const named = keys.filter((key) => /^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(key)).slice(0, 5);
  const others = keys.length - named.length;
  const parts = [...named, ...(others > 0 ? [`${others} other${others === 1 ? '' : 's'} not shown`] : [])];
  return `Unexpected field${keys.length === 1 ? '' : 's'}: ${parts.join(', ')}.`;
}
