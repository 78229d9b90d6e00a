import type * as Files from './files.ts';

type FilesModule = typeof Files;
const page = window as unknown as { SupportChatFiles?: FilesModule };

/** support-chat-app.js itself, read while it runs (the only time `document.currentScript` names it). */
const ownScript = document.currentScript as HTMLScriptElement | null;

/**
 * In the script-tag build (see load-files.ts): support-chat-files.js, from beside
 * support-chat-app.js (and the loader, support-chat.js), a classic script that leaves its
 * module at `window.SupportChatFiles`. It carries the page's nonce, for a
 * Content-Security-Policy that asks for one.
 */
export function loadFiles(): Promise<FilesModule> {
  return new Promise((resolve, reject) => {
    if (page.SupportChatFiles) return resolve(page.SupportChatFiles);
    const script = document.createElement('script');
    script.src = new URL('support-chat-files.js', ownScript?.src || location.href).href;
    if (ownScript?.nonce) script.nonce = ownScript.nonce;
    script.onload = () => (page.SupportChatFiles ? resolve(page.SupportChatFiles) : reject(new Error(`${script.src} defined nothing`)));
    script.onerror = () => reject(new Error(`${script.src} did not load`));
    document.head.append(script);
  });
}
