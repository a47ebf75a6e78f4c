/**
 * Submits lead forms marked `data-enhance` in place: the same POST the form makes without
 * JavaScript, asking for JSON. A 202 shows the success state, and the form that follows it (the
 * profiling questions) with the address just typed; a 422 puts each message beside its field
 * (announced through the status region) and keeps what was typed. Safe to call more than once.
 */
export function enhanceLeadForms(root: ParentNode): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-enhance]:not([data-enhanced])')) {
    form.dataset.enhanced = '';
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void submit(form);
    });
  }
}

async function submit(form: HTMLFormElement): Promise<void> {
  const status = form.querySelector<HTMLElement>('[data-status]')!;
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  for (const error of form.querySelectorAll<HTMLElement>('[data-error-for]')) error.textContent = '';
  for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
  button.disabled = true;
  status.textContent = 'Sending…';
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
      headers: { Accept: 'application/json' },
    });
    if (response.status === 202) {
      form.querySelector<HTMLElement>('[data-fields]')!.hidden = true;
      status.textContent = '';
      const success = form.querySelector<HTMLElement>('[data-success]')!;
      success.hidden = false;
      success.focus();
      const after = form.nextElementSibling;
      if (after instanceof HTMLElement && after.hasAttribute('data-after-success')) {
        const email = (form.elements.namedItem('email') as HTMLInputElement | null)?.value ?? '';
        for (const carried of after.querySelectorAll<HTMLInputElement>('input[data-carry-email]')) carried.value = email;
        after.hidden = false;
      }
      return;
    }
    const body = (await response.json().catch(() => ({}))) as { errors?: Record<string, string>; error?: string };
    if (response.status === 422 && body.errors) {
      const general: string[] = [];
      let first: HTMLElement | undefined;
      for (const [name, message] of Object.entries(body.errors)) {
        const slot = form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(name)}"]`);
        const field = form.elements.namedItem(name);
        if (slot) slot.textContent = message;
        else general.push(message);
        if (field instanceof HTMLElement) {
          field.setAttribute('aria-invalid', 'true');
          first ??= field;
        }
      }
      const count = Object.keys(body.errors).length;
      status.textContent = [`Please check ${count === 1 ? 'one field' : `${count} fields`}.`, ...general].join(' ');
      first?.focus();
      return;
    }
    status.textContent = body.error ?? 'Something went wrong; please try again.';
  } catch {
    status.textContent = 'We could not reach the server. Check your connection and try again.';
  } finally {
    button.disabled = false;
  }
}
