import { css } from 'lit';

/**
 * Files in a conversation, for both elements, on their tokens (`--_line`, `--_muted`,
 * `--_accent`, `--_danger`; a card takes the visitor's `--_bubble`, else the console's
 * `--_panel`): thumbnails, cards, the progress of an upload, the drop overlay, the file
 * button, a refusal, and an image full size.
 */
export default css`
  .file-thumb {
    display: block;
    /* The box is kept from the start: nothing moves when the image comes. */
    width: 240px;
    max-width: 100%;
    aspect-ratio: 4 / 3;
    padding: 0;
    border: 1px solid var(--_line);
    border-radius: 12px;
    overflow: hidden;
    background: var(--_line);
    cursor: zoom-in;
  }
  .file-thumb:disabled {
    cursor: progress;
  }
  /* Whole, not cropped: the part of a screenshot that matters may be anywhere in it. */
  .file-thumb img,
  .file-wait {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  .file-card {
    display: flex;
    align-items: center;
    gap: 10px;
    width: 264px;
    max-width: 100%;
    padding: 10px 12px;
    border: 1px solid var(--_line);
    border-radius: 12px;
    background: var(--_bubble, var(--_panel));
    color: var(--_text);
    text-decoration: none;
  }
  a.file-card:hover {
    border-color: var(--_accent);
  }
  .file-icon {
    flex: none;
    color: var(--_accent);
  }
  .file-card.off .file-icon {
    color: var(--_muted);
  }
  .file-text {
    flex: 1;
    min-width: 0;
    display: grid;
    gap: 2px;
  }
  .file-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 600;
  }
  .file-meta {
    font-size: 12px;
    color: var(--_muted);
  }
  .file-action {
    flex: none;
    color: var(--_muted);
  }
  .file-card.failed {
    border: 1px dashed var(--_danger);
  }
  .file-card progress {
    width: 100%;
    height: 6px;
    margin-top: 4px;
    accent-color: var(--_accent);
  }

  .attach {
    flex: none;
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    border: 0;
    border-radius: 50%;
    background: none;
    color: var(--_muted);
  }
  .attach:hover {
    color: var(--_accent);
  }

  .drop-overlay {
    position: absolute;
    inset: 0;
    z-index: 5;
    display: grid;
    place-items: center;
    border: 2px dashed var(--_accent);
    border-radius: inherit;
    background: color-mix(in srgb, var(--_accent) 14%, transparent);
    backdrop-filter: blur(1px);
    /* Never a target itself: the drag stays over the conversation beneath. */
    pointer-events: none;
  }
  .drop-overlay span {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 10px 18px;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }

  .file-notice {
    display: flex;
    align-items: baseline;
    gap: 12px;
    margin: 0;
    padding: 8px 16px;
    border-top: 1px solid var(--_line);
    color: var(--_danger);
    font-size: 13px;
  }
  .file-notice span {
    flex: 1;
  }

  dialog.lightbox {
    padding: 0;
    border: 0;
    max-width: 96vw;
    max-height: 96vh;
    background: transparent;
    color: #fff;
    overflow: visible;
  }
  dialog.lightbox::backdrop {
    background: rgb(0 0 0 / 0.82);
  }
  .lightbox img {
    display: block;
    max-width: 96vw;
    max-height: calc(96vh - 52px);
    margin: 0 auto;
    object-fit: contain;
  }
  .lightbox-bar {
    display: flex;
    align-items: center;
    gap: 16px;
    min-height: 44px;
    padding: 4px 0 0 4px;
  }
  .lightbox-bar .file-name {
    flex: 1;
    min-width: 0;
  }
  .lightbox-bar a {
    color: #fff;
    font-weight: 600;
  }
  .lightbox-close {
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    border: 0;
    border-radius: 50%;
    background: rgb(255 255 255 / 0.16);
    color: #fff;
  }
  .lightbox :focus-visible {
    outline-color: #fff;
  }
`;
