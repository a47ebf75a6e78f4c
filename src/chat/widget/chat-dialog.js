// @ts-check
/**
 * The chat dialog, loaded only when its button is pressed (see ChatWidget.astro). Plain JavaScript
 * (type-checked through JSDoc) so the build ships this file as it is, under a hashed name, and the
 * page's inline loader stays a few hundred bytes. A native modal `<dialog>` keeps focus inside and
 * closes on Escape; replies are read out through a polite live log; quick replies are buttons, and
 * a free question or answer goes through the text field. The conversation lives here until the
 * visitor gives an address: `POST /api/chat` is stateless.
 */

/** @typedef {{ kind: 'question', field: string, ask: string, options?: string[] }} Question */
/** @typedef {{ kind: 'contact', ask: string, consent: string }} Contact */
/** @typedef {Question | Contact} Step */
/** @typedef {{ title: string, url: string, quote: string }} Source */
/** @typedef {{ greeting?: string, reply?: { text: string, sources: Source[] }, step: Step }} ChatAnswer */
/** @typedef {{ from: 'chat' | 'visitor', text: string }} Line */

const ENDPOINT = '/api/chat';
/** The latest lines sent with each request: what the endpoint keeps (TRANSCRIPT_LINES). */
const TRANSCRIPT_SENT = 40;

/**
 * `tag` with attributes and children, built without HTML strings, so nothing a visitor typed or a
 * reply said is ever parsed as markup.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attributes]
 * @param {...(Node | string)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** @type {WeakMap<HTMLElement, HTMLDialogElement>} */
const dialogs = new WeakMap();

/**
 * Opens the chat of the widget holding `button` (built on the first press, reopened after).
 * @param {HTMLElement} button
 */
export function openChat(button) {
  const root = /** @type {HTMLElement} */ (button.closest('[data-chat]'));
  let dialog = dialogs.get(root);
  if (!dialog) {
    dialog = buildChat(root);
    dialogs.set(root, dialog);
  }
  dialog.showModal();
}

/**
 * @param {HTMLElement} root
 * @returns {HTMLDialogElement}
 */
function buildChat(root) {
  const script = root.dataset.chat ?? '';
  const page = location.pathname;
  /** @type {Record<string, string>} */
  const answers = {};
  /** @type {Line[]} */
  const transcript = [];
  /** @type {Step | undefined} */
  let step;
  /** @type {string | undefined} */
  let stamp;

  const heading = el('h2', { id: `chat-title-${script}` }, root.dataset.title ?? 'Chat');
  const close = el('button', { type: 'button', class: 'chat-close', 'aria-label': 'Close the chat' }, '×');
  const log = el('div', { class: 'chat-log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
  const replies = el('div', { class: 'chat-replies' });
  const input = el('input', { type: 'text', name: 'message', maxlength: '500', autocomplete: 'off', 'aria-label': 'Your question or answer' });
  const form = el('form', { class: 'chat-input' }, input, el('button', { type: 'submit' }, 'Send'));
  const dialog = el(
    'dialog',
    { class: 'chat-dialog', 'aria-labelledby': heading.id },
    el('div', { class: 'chat-head' }, heading, close),
    log,
    replies,
    form,
  );
  root.append(dialog);
  close.addEventListener('click', () => dialog.close());

  // The form stamp tells a person from a bot as on the forms; without it the signup still goes through.
  fetch('/api/form-stamp')
    .then((response) => response.json())
    .then((body) => (stamp = body.stamp))
    .catch(() => undefined);

  /**
   * @param {Line['from']} from
   * @param {string} text
   * @param {Node} [extra]
   */
  function say(from, text, extra) {
    transcript.push({ from, text });
    const line = el('p', { class: `chat-line chat-${from}` }, el('span', { class: 'visually-hidden' }, from === 'chat' ? 'Chat: ' : 'You: '), text);
    if (extra) line.append(extra);
    log.append(line);
    log.scrollTop = log.scrollHeight;
  }

  /** @param {Source[]} list */
  function sources(list) {
    return el(
      'ul',
      { class: 'chat-sources' },
      ...list.map((source) => el('li', {}, el('q', {}, source.quote), ' ', el('a', { href: source.url }, source.title))),
    );
  }

  /**
   * @param {Record<string, unknown>} body
   * @returns {Promise<Response | undefined>}
   */
  async function post(body) {
    try {
      return await fetch(ENDPOINT, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ script, page, answers, transcript: transcript.slice(-TRANSCRIPT_SENT), ...body }),
      });
    } catch {
      say('chat', 'The chat cannot reach the site right now. Please try again in a moment.');
      return undefined;
    }
  }

  /** @param {Record<string, unknown>} [body] */
  async function advance(body = {}) {
    replies.replaceChildren();
    const response = await post(body);
    if (!response) return;
    if (!response.ok) {
      say('chat', 'Sorry, that did not work. Please try again.');
      return;
    }
    /** @type {ChatAnswer} */
    const answer = await response.json();
    if (answer.greeting) say('chat', answer.greeting);
    if (answer.reply) say('chat', answer.reply.text, answer.reply.sources.length ? sources(answer.reply.sources) : undefined);
    show(answer.step);
  }

  /** @param {Step} next */
  function show(next) {
    const previous = step;
    step = next;
    // A step asked again (after a free question) is not said again: its quick replies come back.
    const repeated =
      previous !== undefined &&
      (next.kind === 'question' ? previous.kind === 'question' && previous.field === next.field : previous.kind === 'contact');
    if (!repeated) say('chat', next.ask);
    if (next.kind === 'contact') {
      replies.append(contactForm(next));
      replies.querySelector('input')?.focus();
      return;
    }
    for (const option of next.options ?? []) {
      const choice = el('button', { type: 'button' }, option);
      choice.addEventListener('click', () => {
        answers[next.field] = option;
        say('visitor', option);
        advance();
      });
      replies.append(choice);
    }
    (replies.querySelector('button') ?? input).focus();
  }

  /**
   * The address and consent, with the honeypot every form carries.
   * @param {Contact} contact
   */
  function contactForm(contact) {
    const email = el('input', { type: 'email', name: 'email', required: '', autocomplete: 'email', id: `chat-email-${script}` });
    const consent = el('input', { type: 'checkbox', name: 'consent', required: '' });
    const honeypot = el('input', { type: 'text', name: 'website', tabindex: '-1', autocomplete: 'off' });
    const error = el('p', { class: 'chat-error', role: 'alert' });
    const signup = el(
      'form',
      { class: 'chat-contact' },
      el('label', { for: email.id }, 'Email address'),
      email,
      el('label', { class: 'chat-consent' }, consent, ` ${contact.consent}`),
      el('div', { class: 'visually-hidden', 'aria-hidden': 'true' }, el('label', {}, 'Leave this empty', honeypot)),
      error,
      el('button', { type: 'submit' }, 'Send'),
    );
    signup.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      const response = await post({ email: email.value, consent: consent.checked, website: honeypot.value, ...(stamp ? { stamp } : {}) });
      if (!response) return;
      if (response.status === 422) {
        /** @type {{ errors: Record<string, string> }} */
        const { errors } = await response.json();
        error.textContent = Object.values(errors).join(' ');
        return;
      }
      if (response.status !== 202) {
        error.textContent =
          response.status === 429 ? 'Too many signups from your address; please try again later.' : 'Sorry, that did not work. Please try again.';
        return;
      }
      /** @type {{ say: string, link?: { href: string, label: string } }} */
      const done = await response.json();
      say('visitor', email.value);
      replies.replaceChildren();
      form.hidden = true;
      const link = done.link ? el('a', { href: done.link.href, class: 'chat-link' }, done.link.label) : undefined;
      say('chat', done.say, link);
      (link ?? close).focus();
    });
    return signup;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    say('visitor', text);
    // A free-text question of the script takes the text as its answer; anything else is a question for the guides.
    if (step?.kind === 'question' && !step.options) {
      answers[step.field] = text;
      advance();
    } else advance({ ask: text });
  });

  advance();
  return dialog;
}
