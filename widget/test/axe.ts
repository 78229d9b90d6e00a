/** axe-core in the test page, for both elements' accessibility checks. */

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: unknown }[] }[];
}

/** axe-core's violations inside the element (its shadow root included), one line each. */
export async function axeViolations(el: Element): Promise<string[]> {
  const w = window as unknown as { axe?: { run(context: Element): Promise<AxeResult> } };
  if (!w.axe) {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }
  await settled(el);
  const result = await w.axe!.run(el);
  return result.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/**
 * Waits for the element's running transitions and finite animations to end: the panel
 * fades in over 0.18 s, and mid-fade its text is paler than the visitor ever reads it, so
 * axe's contrast check would judge a frame nobody looks at.
 */
async function settled(el: Element): Promise<void> {
  const animations = new Set([...document.getAnimations(), ...(el.shadowRoot?.getAnimations() ?? [])]);
  const finite = [...animations].filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY);
  await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
}
