import { setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, includes, ok } from '../../test/assert.ts';
import { $, $$, axeViolations, open, removeConsoles, roomButton, signedIn, text, typeInto } from '../../test/console.ts';
import { asAdmin, uniqueEmail, Visitor, waitUntil } from '../../test/helpers.ts';
import type { SupportAgentConsole } from './support-agent-console.ts';

/** Every file the console saved through a link it clicked: its name and text. */
function savedFiles(el: SupportAgentConsole): { name: string; text: Promise<string> }[] {
  const saved: { name: string; text: Promise<string> }[] = [];
  el.shadowRoot!.addEventListener(
    'click',
    (event) => {
      const link = event.target;
      if (!(link instanceof HTMLAnchorElement) || !link.download) return;
      saved.push({ name: link.download, text: fetch(link.href).then((r) => r.text()) });
      event.preventDefault();
    },
    true,
  );
  return saved;
}

async function openPrivacy(el: SupportAgentConsole): Promise<void> {
  $<HTMLButtonElement>(el, '.settings-entry')!.click();
  await waitUntil(() => $(el, '.settings-page-privacy'), 'the settings pages');
  $<HTMLButtonElement>(el, '.settings-page-privacy')!.click();
  await waitUntil(() => $(el, '.privacy-find input[name="value"]'), 'the privacy page');
}

async function find(el: SupportAgentConsole, kind: string, value: string): Promise<void> {
  const select = $<HTMLSelectElement>(el, '.privacy-find select')!;
  select.value = kind;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  typeInto($<HTMLInputElement>(el, '.privacy-find input[name="value"]'), value);
  await el.updateComplete;
  $<HTMLButtonElement>(el, '.privacy-find .find')!.click();
  await el.updateComplete;
  ok($<HTMLButtonElement>(el, '.privacy-find .find')!.disabled, 'waiting for the answer');
  await waitUntil(
    () => !$<HTMLButtonElement>(el, '.privacy-find .find')!.disabled && ($(el, '.privacy-found') || $(el, '.privacy-none')),
    'the answer',
  );
}

describe('<support-agent-console>: privacy requests (admins)', () => {
  const visitors: Visitor[] = [];
  before(() => setViewport({ width: 1280, height: 900 }));
  afterEach(async () => {
    await removeConsoles();
    for (const v of visitors.splice(0)) await v.close();
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('finds a person by email, downloads their export as JSON, and erases them after asking', async () => {
    const email = uniqueEmail('privacy');
    const person = await Visitor.connect();
    const other = await Visitor.connect();
    visitors.push(person, other);
    await person.identify({ name: 'Pia Privacy', email });
    await person.say('Please send me everything you have about me');
    await other.say('Someone else entirely');

    const el = await signedIn();
    const saved = savedFiles(el);
    await openPrivacy(el);
    equal(location.hash, '#settings/privacy', 'the page has its own address');
    await find(el, 'email', email.toUpperCase());
    includes(text($(el, '.privacy-found')), '1 conversation:', 'one conversation');
    const counts = Object.fromEntries(
      $$(el, '.privacy-counts div').map((row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]),
    );
    deepEqual(
      counts,
      {
        'Conversation records and send receipts': '2',
        'Messages, notes and marks': '1',
        'Signed-in customer links': '0',
        'Live connection records': '2',
        Files: '0',
      },
      'what is stored, by kind',
    );
    deepEqual(await axeViolations(el), [], 'axe');

    $<HTMLButtonElement>(el, '.privacy-actions .export')!.click();
    await waitUntil(() => saved.length === 1 && $(el, '.privacy-exported'), 'the export, saved', 20_000);
    ok(/^privacy-export-email-\d{4}-\d{2}-\d{2}\.json$/.test(saved[0]!.name), saved[0]!.name);
    const exported = JSON.parse(await saved[0]!.text);
    deepEqual(exported.roomIds, [person.roomId], 'their room alone');
    deepEqual(
      exported.items.messages.map((m: { text: string }) => m.text),
      ['Please send me everything you have about me'],
      'their messages',
    );
    ok(!(await saved[0]!.text).includes(other.roomId), 'nobody else’s');

    $<HTMLButtonElement>(el, '.privacy-actions .erase')!.click();
    const dialog = await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.confirm[open]'), 'the question');
    includes(text(dialog), 'Erase everything stored about them?', 'asked first');
    dialog.querySelector<HTMLButtonElement>('.confirm-yes')!.click();
    await waitUntil(() => $(el, '.save-state.erased'), 'the erasure', 20_000);
    includes(text($(el, '.save-state.erased')), 'Erased 5 items and 0 files', 'what went');
    equal($(el, '.privacy-found'), null, 'nothing shown of them any more');

    await find(el, 'email', email);
    includes(text($(el, '.privacy-none')), 'Nothing is stored about them.', 'gone');
    // The other visitor's conversation is still there.
    await find(el, 'room', other.roomId);
    includes(text($(el, '.privacy-found')), '1 conversation:', 'others untouched');
  });

  it('drops a conversation another admin erased: gone from the list and its read mark, the open one says so', async () => {
    const person = await Visitor.connect();
    const other = await Visitor.connect();
    visitors.push(person, other);
    await person.say('Erase me while the agent reads');
    await other.say('Keep me');
    const el = await signedIn();
    await open(el, person.roomId);
    await waitUntil(() => roomButton(el, other.roomId), 'the other conversation listed');
    const seenKey = Object.keys(localStorage).find((key) => key.startsWith('support-agent-console:seen:'))!;
    includes(localStorage.getItem(seenKey)!, person.roomId, 'the read mark kept');

    await asAdmin({ action: 'erasePerson', selector: { kind: 'room', value: person.roomId } }, 'personErased');
    await waitUntil(() => roomButton(el, person.roomId) === null, 'the conversation gone from the list');
    includes(text($(el, '.conversation [role="alert"]')), 'This conversation was erased', 'the open one says why it is empty');
    equal($$(el, '.msg').length, 0, 'none of its messages shown');
    ok($<HTMLTextAreaElement>(el, '.composer textarea')!.disabled, 'nothing to reply to');
    ok(!localStorage.getItem(seenKey)!.includes(person.roomId), 'its read mark gone');
    ok(roomButton(el, other.roomId), 'the other conversation still listed');
    deepEqual(await axeViolations(el), [], 'axe');
  });

  it('shows the server’s sentence for a malformed id', async () => {
    const el = await signedIn();
    await openPrivacy(el);
    const select = $<HTMLSelectElement>(el, '.privacy-find select')!;
    select.value = 'room';
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    typeInto($<HTMLInputElement>(el, '.privacy-find input[name="value"]'), 'abc');
    await el.updateComplete;
    $<HTMLButtonElement>(el, '.privacy-find .find')!.click();
    await waitUntil(() => $(el, '.privacy-admin .save-state.error'), 'the refusal');
    includes(text($(el, '.privacy-admin .save-state.error')), '"abc" is not a room id.', 'the server’s sentence');
  });
});
