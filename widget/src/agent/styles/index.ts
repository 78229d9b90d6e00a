import attachments from '../../shared/attachments.styles.ts';
import base from '../../shared/base.styles.ts';
import admin from './admin.styles.ts';
import assign from './assign.styles.ts';
import composer from './composer.styles.ts';
import controls from './controls.styles.ts';
import conversation from './conversation.styles.ts';
import customer from './customer.styles.ts';
import dialog from './dialog.styles.ts';
import files from './files.styles.ts';
import gate from './gate.styles.ts';
import inbox from './inbox.styles.ts';
import profile from './profile.styles.ts';
import reports from './reports.styles.ts';
import settings from './settings.styles.ts';
import timeline from './timeline.styles.ts';
import tokens from './tokens.styles.ts';
import workspace from './workspace.styles.ts';

/** <support-agent-console>'s styles: the shared base, its tokens, then one sheet per view, in cascade order. */
export default [
  base,
  tokens,
  controls,
  gate,
  workspace,
  inbox,
  conversation,
  timeline,
  attachments,
  files,
  composer,
  assign,
  profile,
  customer,
  settings,
  admin,
  reports,
  dialog,
];
