import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium (never a downloaded browser), headless, with the flags this machine
 * needs; playwright-core gives each launch a fresh profile.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** The launcher button inside <support-chat>'s shadow root, once it is rendered. */
export const LAUNCHER_RENDERED = () => {
  const launcher = document.querySelector('support-chat')?.shadowRoot?.querySelector<HTMLElement>('[part="launcher"]');
  return launcher !== null && launcher !== undefined && launcher.getBoundingClientRect().width > 0;
};

/** <support-chat>'s code has loaded (the chat, which the loader loads) and rendered its own launcher in place of the loader's. */
export const CHAT_LOADED = () =>
  customElements.get('support-chat') !== undefined &&
  document.querySelector('support-chat')?.shadowRoot?.querySelectorAll('[part="launcher"]').length === 1;
