import type * as Files from './files.ts';

/**
 * The visitor's file code, a module of its own: the ES modules' build splits it into a
 * chunk of its own, and the tests load it as it is. The script-tag build, one classic
 * script that cannot import, loads it from a second one instead (load-files.script.ts,
 * put in this module's place by widget/vite.config.ts).
 */
export const loadFiles = (): Promise<typeof Files> => import('./files.ts');
