/**
 * Wire protocol v1: the one source of truth shared by the handlers, the local gateway,
 * the widget and the agent console. The widget imports types and limits only.
 */

export * from './agent-actions.ts';
export * from './agents.ts';
export * from './attachments.ts';
export * from './client-actions.ts';
export * from './limits.ts';
export * from './parse.ts';
export * from './privacy-actions.ts';
export * from './report-actions.ts';
export * from './reports.ts';
export * from './schedule.ts';
export * from './server-events.ts';
export type * from './site-config.ts';
export * from './team.ts';
export * from './team-actions.ts';
