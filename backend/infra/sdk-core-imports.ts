import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * Imports from the AWS SDK's core packages go to the file that defines each name, not
 * through the package's index. @smithy/core and @aws-sdk/core are imported through
 * barrels (index files re-exporting a submodule's files), and esbuild's code splitting
 * gives a file to every entry that reaches it by any import, used or not: through the
 * barrels $default imports at start-up, its first chunks carried the XML and query
 * protocols, the waiters and the checksums that only the S3, SES and SNS clients, loaded
 * on first use, run (32 kB of the 394 it imported). With each name imported from its
 * own file, a barrel keeps only what it defines itself, and what a lazy client alone
 * needs stays in its chunk. What the plugin cannot rewrite fails the build (a name the
 * barrel no longer exports), never the bundle at run time.
 */
export function directSdkCoreImports(): Plugin {
  return {
    name: 'direct-sdk-core-imports',
    setup(build) {
      const resolve = async (specifier: string, resolveDir: string, kind: 'import-statement' | 'dynamic-import' = 'import-statement') => {
        const result = await build.resolve(specifier, { kind, resolveDir, pluginData: OWN_RESOLVE });
        if (result.errors.length > 0) throw new Error(`${specifier} does not resolve from ${resolveDir}`);
        return result.path;
      };

      const barrels = new Map<string, Promise<Map<string, Origin>>>();
      /** Each name a barrel re-exports and where it is defined, through the barrels it re-exports from. */
      const reexportsOf = (barrel: string): Promise<Map<string, Origin>> => {
        let reexports = barrels.get(barrel);
        if (!reexports) {
          reexports = (async () => {
            const origins = new Map<string, Origin>();
            for (const { names, specifier } of reexportStatements(readFileSync(barrel, 'utf8'))) {
              const file = await resolve(specifier, dirname(barrel));
              const further = CORE_BARREL.test(specifier) ? await reexportsOf(file) : undefined;
              for (const { imported, local } of names) origins.set(local, further?.get(imported) ?? { file, name: imported });
            }
            return origins;
          })();
          barrels.set(barrel, reexports);
        }
        return reexports;
      };

      // A barrel imported with import() is a namespace: it must keep its re-exports.
      build.onResolve({ filter: CORE_BARREL }, async ({ path, resolveDir, kind, pluginData }) => {
        if (kind !== 'dynamic-import' || pluginData === OWN_RESOLVE) return undefined;
        const barrel = await resolve(path, resolveDir, kind);
        if (definesCode(readFileSync(barrel, 'utf8')))
          throw new Error(`import("${path}") would see ${barrel} without its re-exports: direct-sdk-core-imports cannot handle it`);
        return undefined;
      });

      build.onLoad({ filter: SDK_ES_MODULE }, async ({ path }) => {
        const source = readFileSync(path, 'utf8');
        let contents = '';
        let last = 0;
        for (const statement of importStatements(source)) {
          if (!CORE_BARREL.test(statement.specifier)) continue;
          const origins = await reexportsOf(await resolve(statement.specifier, dirname(path)));
          const direct: string[] = [];
          const own: string[] = [];
          for (const { imported, local } of statement.names) {
            const origin = origins.get(imported);
            if (origin) direct.push(`${statement.keyword} { ${origin.name} as ${local} } from ${JSON.stringify(origin.file)};`);
            else own.push(`${imported} as ${local}`);
          }
          if (own.length > 0) direct.push(`${statement.keyword} { ${own.join(', ')} } from "${statement.specifier}";`);
          contents += source.slice(last, statement.start) + direct.join('\n');
          last = statement.end;
        }
        contents += source.slice(last);
        // Nothing imports a barrel's re-exports any more: it keeps what it defines (barrels without code of their own are no longer loaded at all).
        if (barrels.has(path) && definesCode(source)) contents = contents.replace(REEXPORT, '');
        return contents === source ? undefined : { contents, loader: 'js', resolveDir: dirname(path) };
      });
    },
  };
}

/** Marks the plugin's own calls to build.resolve, which its onResolve lets through. */
const OWN_RESOLVE = Symbol('direct-sdk-core-imports');
/** A core package's entry or subpath: `@smithy/core`, `@smithy/core/client`, `@aws-sdk/core/protocols` ... */
const CORE_BARREL = /^@(?:smithy|aws-sdk)\/core(?:\/[a-zA-Z-]+)?$/;
/** The ES module builds of the SDK's packages, the only code that imports the core barrels. */
const SDK_ES_MODULE = /[\\/]node_modules[\\/]@(?:smithy|aws-sdk)[\\/][^\\/]+[\\/]dist-es[\\/].*\.js$/;
/** The SDK's builds (tsc output) write one import or re-export of names per line. */
const NAMED_IMPORT = /^(import|export) \{([^}]*)\} from "([^"]+)";[ \t]*$/gm;
const REEXPORT = /^export \{[^}]*\} from "[^"]+";[ \t]*$/gm;

interface Origin {
  /** The file that defines the name. */
  file: string;
  /** Its name there. */
  name: string;
}

interface NameList {
  names: { imported: string; local: string }[];
  specifier: string;
}

function namesIn(list: string): NameList['names'] {
  return list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => {
      const [imported, local = imported] = name.split(/\s+as\s+/) as [string, string?];
      return { imported, local };
    });
}

function importStatements(source: string): (NameList & { keyword: string; start: number; end: number })[] {
  return [...source.matchAll(NAMED_IMPORT)].map((match) => ({
    keyword: match[1]!,
    names: namesIn(match[2]!),
    specifier: match[3]!,
    start: match.index,
    end: match.index + match[0].length,
  }));
}

function reexportStatements(source: string): NameList[] {
  return importStatements(source).filter((statement) => statement.keyword === 'export');
}

/** Whether a barrel has code of its own beside its re-exports (e.g. @smithy/core/endpoints binds its middleware there). */
function definesCode(source: string): boolean {
  return source.replace(REEXPORT, '').trim() !== '';
}
