import type { VerifiedCustomer } from '@support-chat/backend/protocol';
import { html, nothing } from 'lit';
import { icon } from '../../shared/icons.ts';
import { fullTime, relativeTime } from '../../shared/time.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';

/** A shield with a check: the company's sign-in vouched for this customer. */
export const ICON_VERIFIED = 'M12 2 4 5.5V11c0 5 3.4 9.6 8 11 4.6-1.4 8-6 8-11V5.5zm-1.5 14.5-3.7-3.7 1.4-1.4 2.3 2.3 5.3-5.3 1.4 1.4z';

/**
 * The verified mark beside a name: the icon, named for screen readers by text (inside a
 * button, the text joins the button's name; an image's label might not).
 */
export function verifiedMark(s: SupportAgentConsoleStrings, size = 14) {
  return html`<span class="verified-mark" title=${s.verifiedMarkHelp}>${icon(ICON_VERIFIED, size)}<span class="sr">${s.verifiedCustomer}</span></span>`;
}

/** The subtle tag after what the visitor typed themselves: nobody proved it. */
export const notVerifiedTag = (s: SupportAgentConsoleStrings) =>
  html`<span class="not-verified" title=${s.notVerifiedHelp}>${s.notVerified}</span>`;

/** An attribute's value as text: booleans as Yes and No, numbers as given (an account number is no amount). */
export const attributeText = (value: string | number | boolean, s: SupportAgentConsoleStrings) =>
  typeof value === 'boolean' ? (value ? s.yes : s.no) : String(value);

/** An email that wraps after its "@" where the column is narrow, rather than anywhere. */
const breakable = (email: string) => {
  const at = email.lastIndexOf('@');
  return at < 1 ? email : html`${email.slice(0, at + 1)}<wbr />${email.slice(at + 1)}`;
};

/** The attributes in alphabetical order of their keys: the same order on every reload (the store keeps none). */
const attributesOf = (customer: VerifiedCustomer) =>
  Object.entries(customer.attributes ?? {}).sort(([a], [b]) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : 1));

/** Whether what the visitor typed says the same as the verified value (emails: whatever their case). */
export function sameAsVerified(typed: string | undefined, verified: string | undefined, kind: 'name' | 'email'): boolean {
  if (typed === undefined || verified === undefined) return false;
  const norm = (value: string) => (kind === 'email' ? value.trim().toLowerCase() : value.trim());
  return norm(typed) === norm(verified);
}

/**
 * What the company's backend vouched for, as label and value: the name, email and id its
 * token carried, each attribute it chose to show agents (keys as given, in alphabetical order), and when the
 * customer last connected with a good token.
 */
export function customerDetails(s: SupportAgentConsoleStrings, customer: VerifiedCustomer, now: number) {
  const row = (name: string, label: string, value: unknown) => html`<div class=${name}><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`
    <section class="customer" aria-labelledby="customer-title">
      <h4 id="customer-title">${icon(ICON_VERIFIED, 16)}<span>${s.verifiedCustomer}</span></h4>
      <dl>
        ${customer.name ? row('customer-name', s.customerName, customer.name) : nothing}
        ${customer.email ? row('customer-email', s.customerEmail, html`<a href="mailto:${customer.email}">${breakable(customer.email)}</a>`) : nothing}
        ${row('customer-id', s.customerId, html`<code>${customer.id}</code>`)}
        ${attributesOf(customer).map(([key, value]) => row('customer-attribute', key, attributeText(value, s)))}
        ${row(
          'customer-verified-at',
          s.customerVerifiedAt,
          html`<time datetime=${customer.verifiedAt} title=${fullTime(customer.verifiedAt)}>${relativeTime(customer.verifiedAt, s, new Date(now))}</time>`,
        )}
      </dl>
    </section>
  `;
}
