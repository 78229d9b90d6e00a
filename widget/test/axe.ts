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
  const result = await w.axe!.run(el);
  return result.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}
