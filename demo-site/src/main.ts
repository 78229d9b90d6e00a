/**
 * The demo page's own script. It shows the command queue a site uses to talk to the
 * widget before (and after) support-chat.js has loaded, the same snippet as in the
 * widget's docs (docs/widget.md), here in an external module so the page needs no inline script.
 */
type SupportChatQueue = ((...args: unknown[]) => void) & { q?: unknown[][] };
const page = window as unknown as { SupportChat?: SupportChatQueue };

const queue: SupportChatQueue = (...args) => {
  queue.q ??= [];
  queue.q.push(args);
};
page.SupportChat ??= queue;
/** The queue until support-chat.js has loaded, the widget's own function after: looked up on each call. */
const SupportChat = (...args: unknown[]) => page.SupportChat!(...args);

for (const button of document.querySelectorAll<HTMLElement>('[data-open-chat]')) {
  button.addEventListener('click', () => SupportChat('open'));
}

for (const year of document.querySelectorAll('[data-year]')) year.textContent = String(new Date().getFullYear());

/**
 * "Try it as a signed-in customer": the page plays a site whose customer has signed in. Its
 * backend (on the local dev server, POST /local/identity-token) signs who the customer is,
 * and the page hands the widget a way to get such a token, as docs/identity.md tells a site
 * to. Who is signed in is the demo page's own memory (not the widget's `support-chat:` keys),
 * so a reload identifies again on load, as a real site's signed-in pages would.
 */
const SIGNED_IN_KEY = 'practical-cloud-demo:signed-in-customer';

const bar = document.querySelector<HTMLElement>('[data-demo-identity]');
if (bar) demoIdentity(bar);

function demoIdentity(bar: HTMLElement): void {
  const signInButtons = [...bar.querySelectorAll<HTMLButtonElement>('[data-demo-sign-in]')];
  const signOutButton = bar.querySelector<HTMLButtonElement>('[data-demo-sign-out]')!;
  const signedOutText = bar.querySelector<HTMLElement>('[data-demo-signed-out]')!;
  const signedInText = bar.querySelector<HTMLElement>('[data-demo-signed-in]')!;
  const problem = bar.querySelector<HTMLElement>('[data-demo-problem]')!;
  const nameOf = (id: string) => signInButtons.find((b) => b.dataset.demoSignIn === id)?.dataset.demoCustomerName;

  const show = (customerId: string | undefined) => {
    const name = customerId ? nameOf(customerId) : undefined;
    signedOutText.hidden = name !== undefined;
    signedInText.hidden = name === undefined;
    for (const button of signInButtons) button.hidden = name !== undefined;
    signOutButton.hidden = name === undefined;
    if (!name) return;
    for (const el of bar.querySelectorAll('[data-demo-name]')) el.textContent = name;
    for (const el of bar.querySelectorAll('[data-demo-first-name]')) el.textContent = name.split(' ')[0]!;
    bar.querySelector('[data-demo-initials]')!.textContent = name
      .split(' ')
      .map((part) => part[0])
      .join('');
  };
  const tell = (text: string | undefined) => {
    problem.textContent = text ?? '';
    problem.hidden = !text;
  };

  /** What the company's backend answers its signed-in page; a refusal is shown, and fails the widget's request. */
  const tokenFor = async (customer: string): Promise<string> => {
    const response = await fetch('/local/identity-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customer }),
    });
    const text = await response.text();
    if (!response.ok) {
      tell(text);
      throw new Error(text);
    }
    tell(undefined);
    return text;
  };
  const identify = (customer: string) => SupportChat('identify', { getToken: () => tokenFor(customer) });

  // A signed-in customer's page identifies them as it loads: with the script tag's queue, or
  // right after it (the script is async and may have run first).
  const signedIn = stored();
  if (signedIn && nameOf(signedIn)) identify(signedIn);
  show(signedIn);

  for (const button of signInButtons) {
    button.addEventListener('click', () => {
      const customer = button.dataset.demoSignIn!;
      store(customer);
      identify(customer);
      show(customer);
      signOutButton.focus();
    });
  }
  signOutButton.addEventListener('click', () => {
    // Signing out of the site signs out of the chat: the next person on this browser starts anonymous.
    SupportChat('reset');
    store(undefined);
    tell(undefined);
    show(undefined);
    signInButtons[0]?.focus();
  });

  // Only where the local dev server plays the company's backend (npm start), and says identity is on.
  fetch('/local/demo-customers')
    .then((response) => (response.ok ? (response.json() as Promise<{ identity: string }>) : undefined))
    .then((listing) => {
      if (!listing) {
        bar.hidden = true;
        return;
      }
      if (listing.identity !== 'off') return;
      if (stored()) {
        SupportChat('reset');
        store(undefined);
      }
      show(undefined);
      for (const button of signInButtons) button.hidden = true;
      tell('Verified identity is off on this local stack (IDENTITY_MODE=off): start it with IDENTITY_MODE=optional to try it.');
    })
    .catch(() => {
      bar.hidden = true;
    });
}

/** The demo page's memory of who signed in; none where storage is refused. */
function stored(): string | undefined {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function store(customer: string | undefined): void {
  try {
    if (customer) localStorage.setItem(SIGNED_IN_KEY, customer);
    else localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // Storage refused: signed in for this page load only.
  }
}
