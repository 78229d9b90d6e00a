import base from '../../shared/base.styles.ts';
import composer from './composer.styles.ts';
import launcher from './launcher.styles.ts';
import log from './log.styles.ts';
import panel from './panel.styles.ts';
import tokens from './tokens.styles.ts';

/** <support-chat>'s styles: the shared base, its tokens, then one sheet per view, in cascade order. */
export default [base, tokens, launcher, panel, log, composer];
