// `npm run build -w widget` (or `npm run analyze -w widget`): dist/custom-elements.json
// from the elements' JSDoc, for editors and docs tools; a build output, so it is not
// committed and a build leaves the work tree as it was. Private members (the
// controllers among them), Lit's internal state properties and the generic
// `fire(type, ...)` helper are left out of the public API it describes.
export default {
  globs: ['src/visitor/support-chat.ts', 'src/visitor/define.ts', 'src/agent/support-agent-console.ts', 'src/agent/define.ts'],
  exclude: ['**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      name: 'public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            const isPrivate = new Set((declaration.members ?? []).filter((m) => m.privacy === 'private').map((m) => m.name));
            if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private');
            if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !isPrivate.has(a.fieldName));
            if (declaration.events) declaration.events = declaration.events.filter((e) => /^support-(chat|agent-console)-/.test(e.name));
          }
        }
      },
    },
  ],
};
