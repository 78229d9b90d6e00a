import { bundleHandler } from './bundling.ts';

// node --import tsx bundle-handler.ts <handler file> <outdir>: bundleHandlerSync's child
// process. Prints the build's metafile.
const [file, outdir] = process.argv.slice(2);
if (!file || !outdir) throw new Error('usage: bundle-handler.ts <file in backend/src/handlers> <outdir>');
process.stdout.write(JSON.stringify(await bundleHandler(file, outdir)));
