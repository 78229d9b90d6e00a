import { SupportChat, type SupportChatEventMap } from './support-chat.ts';

/** Registers <support-chat> once, however many bundles or imports bring the class. */
if (!customElements.get('support-chat')) customElements.define('support-chat', SupportChat);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat': SupportChat;
  }
  interface GlobalEventHandlersEventMap {
    'support-chat-open': SupportChatEventMap['support-chat-open'];
    'support-chat-close': SupportChatEventMap['support-chat-close'];
    'support-chat-message': SupportChatEventMap['support-chat-message'];
    'support-chat-connection': SupportChatEventMap['support-chat-connection'];
    'support-chat-error': SupportChatEventMap['support-chat-error'];
  }
}
