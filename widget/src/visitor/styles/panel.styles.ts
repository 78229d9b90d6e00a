import { css } from 'lit';

/** The panel, its header and the notices under it; on phones, the panel takes the screen. */
export default css`
  /* Panel */
  .panel {
    position: fixed;
    /* Clear of a phone's rounded corners and home indicator in landscape (env() is 0 elsewhere). */
    bottom: calc(var(--_y) + 76px + env(safe-area-inset-bottom, 0px));
    right: calc(var(--_x) + env(safe-area-inset-right, 0px));
    width: 384px;
    height: min(640px, calc(100vh - var(--_y) - 100px));
    height: min(640px, calc(100dvh - var(--_y) - 100px));
    display: flex;
    flex-direction: column;
    background: var(--_bg);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow: hidden;
    visibility: hidden;
    opacity: 0;
    transform: translateY(16px) scale(0.98);
    transform-origin: bottom right;
    transition: opacity 0.18s ease, transform 0.18s ease, visibility 0s linear 0.18s;
  }
  :host([position='left']) .panel {
    right: auto;
    left: calc(var(--_x) + env(safe-area-inset-left, 0px));
    transform-origin: bottom left;
  }
  .panel.open {
    visibility: visible;
    opacity: 1;
    transform: none;
    transition: opacity 0.18s ease, transform 0.18s ease;
  }
  @media (prefers-reduced-motion: reduce) {
    .panel,
    .panel.open,
    .launcher {
      transition: none;
    }
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 12px;
    padding: 16px 10px 16px 18px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .avatar {
    flex: none;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: rgb(255 255 255 / 0.18);
  }
  .avatar svg {
    width: 22px;
    height: 22px;
  }
  .heading {
    flex: 1;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 16px;
    font-weight: 650;
    line-height: 1.3;
  }
  .header p {
    margin: 0;
    font-size: 13px;
  }
  /* The line about the team goes under the title, across the header's width. */
  .break {
    flex-basis: 100%;
  }
  .header .presence {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    margin: 8px 0 0 52px;
    padding: 2px 10px 2px 8px;
    /* A pill on one line; a long name's second line keeps it a rounded box. */
    border-radius: 11px;
    text-wrap: balance;
    background: rgb(0 0 0 / 0.16);
    font-size: 12px;
    font-weight: 600;
  }
  .presence::before {
    content: '';
    flex: none;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: #e2e8f0;
  }
  .presence.here::before {
    background: #4ade80;
    box-shadow: 0 0 0 3px rgb(74 222 128 / 0.3);
  }
  /* For screen readers only: who handles the conversation, said when it changes. */
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .icon {
    flex: none;
    align-self: flex-start;
    width: 34px;
    height: 34px;
    border: 0;
    border-radius: 10px;
    background: transparent;
    color: inherit;
    display: grid;
    place-items: center;
  }
  .icon:hover {
    background: rgb(255 255 255 / 0.16);
  }
  .icon svg {
    width: 22px;
    height: 22px;
  }
  .header :focus-visible {
    outline-color: var(--_on-accent);
  }

  .banner,
  .notice {
    padding: 8px 16px;
    font-size: 13px;
    border-bottom: 1px solid var(--_line);
  }
  .banner {
    background: #fff4d6;
    color: #5c4200;
  }
  .notice {
    display: flex;
    gap: 12px;
    justify-content: space-between;
    align-items: baseline;
    background: #fdecec;
    color: #8e1c1c;
  }
  .notice .link {
    color: inherit;
  }
  @media (prefers-color-scheme: dark) {
    .banner {
      background: #3a3016;
      color: #ffe08a;
    }
    .notice {
      background: #3d1d1d;
      color: #ffc2c2;
    }
  }

  /*
   * Phones: the panel takes the screen, or what the on-screen keyboard leaves of it: the
   * visual viewport's top and height (ViewportController), the whole screen until known.
   */
  @media (max-width: 480px) {
    .panel {
      inset: var(--_viewport-top, 0) 0 auto;
      width: auto;
      height: var(--_viewport-height, 100%);
      border-radius: 0;
    }
    :host([position='left']) .panel {
      left: 0;
      right: 0;
    }
    .header {
      padding: max(18px, env(safe-area-inset-top)) max(10px, env(safe-area-inset-right)) 16px max(18px, env(safe-area-inset-left));
    }
  }
`;
