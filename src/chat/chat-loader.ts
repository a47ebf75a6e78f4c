/**
 * The chat's only script on first paint, inline: on the first press of a chat button it imports
 * the dialog's module (its URL is the widget's `data-src`) and opens it. The text never changes
 * with the page, so a Content-Security-Policy can allow it by its hash.
 */
export const CHAT_LOADER =
  "for(const b of document.querySelectorAll('[data-chat-open]'))b.addEventListener('click',()=>import(b.parentElement.dataset.src).then(m=>m.openChat(b)))";
