import ts from 'typescript';
import type { Plugin } from 'vite';

/** CSS with its comments gone and its whitespace down to what the syntax needs. */
function squeezeCss(text: string): string {
  return (
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      // After a colon only: before one, a space can be a descendant combinator (".header :focus-visible").
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim()
  );
}

/**
 * Markup without the source's indentation. A line break stays (whitespace between tags
 * renders the same as one character of it), so the lines of the code around do not move.
 */
function squeezeHtml(text: string): string {
  return text.replace(/\n\s*/g, '\n');
}

/**
 * Minifies the text of Lit's html`` and css`` templates in the widget's sources, as Lit
 * recommends for production: the script minifier leaves template text alone, and the
 * source's indentation and CSS layout would otherwise ship to every visitor. Only the
 * literal text between `${...}` changes; the expressions are untouched.
 */
export function minifyTemplates(): Plugin {
  return {
    name: 'minify-lit-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/widget\/src\/.+\.ts$/.test(id) || id.endsWith('.test.ts') || !/\b(?:html|css)`/.test(code)) return null;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const edits: { start: number; end: number; text: string }[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'html' || node.tag.text === 'css')) {
          const template = node.template;
          const squeeze = node.tag.text === 'css' ? squeezeCss : squeezeHtml;
          const parts = ts.isNoSubstitutionTemplateLiteral(template)
            ? [template]
            : [template.head, ...template.templateSpans.map((span) => span.literal)];
          for (const part of parts) {
            // Between the opening ` or } and the closing ` or ${.
            const start = part.getStart(source) + 1;
            const end = part.end - (part.kind === ts.SyntaxKind.TemplateHead || part.kind === ts.SyntaxKind.TemplateMiddle ? 2 : 1);
            const text = squeeze(code.slice(start, end));
            if (text !== code.slice(start, end)) edits.push({ start, end, text });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      if (edits.length === 0) return null;
      let out = code;
      for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, start) + text + out.slice(end);
      // Lines stay where they were outside the style sheets, so the source map is kept as it is.
      return { code: out, map: null };
    },
  };
}
