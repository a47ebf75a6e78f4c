import { escapeHtml } from '../seo/escape-html.ts';
import { renderInShell, type SiteShell } from './site-shell.ts';

/** Why an HTML form post was turned away before it was read: the reader can only wait and send it again. */
export interface Refusal {
  title: string;
  /** What happened and what to do, in plain words; escaped here. */
  message: string;
}

/**
 * The page a reader without JavaScript sees when the signup endpoint refuses their form (too large,
 * too many signups, the store down): the site's header, footer and stylesheet, what happened, and
 * the way back. The browser's back button keeps what they typed, so the page says to use it.
 */
export function renderRefusalPage(shell: SiteShell, { title, message }: Refusal): string {
  const main =
    `<div class="container narrow"><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p>` +
    `<p>Nothing was saved. Your browser's back button returns to the form with what you typed.</p>` +
    `<p><a href="/">Go to the home page</a></p></div>`;
  return renderInShell(shell, title, main);
}
