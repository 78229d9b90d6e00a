/** Text made safe to place in HTML, in an element or a quoted attribute (emails, the unsubscribe page). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
