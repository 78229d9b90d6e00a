/**
 * The protocol's schemas are built with zod's functional build (`zod/mini`): its schemas
 * carry no methods beyond parsing, so a bundle keeps only the builders and checks they use
 * (28 kB of a handler's bundle, against 92 kB for full zod). Each schema module imports
 * `* as z from 'zod/mini'` itself (a namespace re-exported from here would carry all of
 * zod into a bundle) and this module for its one effect: zod/mini has no messages of its
 * own, and these are full zod's English sentences, which parseClientFrame passes on to
 * clients.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());
