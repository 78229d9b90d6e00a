// `npm run analyze -w widget`: custom-elements.json from the components' JSDoc, for
// editors and docs tools. Private members, Lit's internal state properties and the
// generic `fire(type, ...)` helper are left out of the public API it describes.
export default {
  globs: ['src/visitor/**/*.ts', 'src/agent/**/*.ts'],
  exclude: ['**/*.test.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            const isPrivate = new Set(
              (declaration.members ?? []).filter((m) => m.privacy === 'private').map((m) => m.name),
            );
            if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private');
            if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !isPrivate.has(a.fieldName));
            if (declaration.events) declaration.events = declaration.events.filter((e) => /^support-(chat|agent-console)-/.test(e.name));
          }
        }
      },
    },
  ],
};
