import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * What the GraphQL Code Generator's babel/swc plugin does for the client preset, for Vite's
 * esbuild pipeline: every `graphql(`…`)` call in the app's sources becomes an import of that one
 * document (`<Name>Document`, `<Name>FragmentDoc` of `src/gql/graphql.ts`). Without it every
 * page pulls `src/gql/gql.ts`, the map of ALL documents of the app, into the first download
 * (about 130 kB minified). Each document is served as a module of its own
 * (`virtual:schakel-document/<Name>`, its object literal copied from graphql.ts): Rollup splits
 * chunks by module, so importing the documents from graphql.ts itself would still put every
 * document some page uses into the chunk of the first page that imports one. This way a lazy
 * page's documents load with the page. The objects are the ones `graphql()` would have returned
 * (the type check runs on the sources as written, where the call carries the TypedDocumentNode
 * type), so nothing else changes.
 *
 * A document that codegen has not generated yet fails the transform with its name: run
 * `npm run codegen -w admin`.
 */
const CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const DEFINITION = /^\s*(?:#[^\n]*\n\s*)*(query|mutation|subscription|fragment)\s+([A-Za-z_][A-Za-z0-9_]*)/;

export function graphqlDocuments(root: string): Plugin {
  const generated = path.join(root, 'src', 'gql', 'graphql.ts');
  const gqlDir = path.join(root, 'src', 'gql') + path.sep;
  let documents: Map<string, string> | null = null;
  const documentsOf = () => {
    documents ??= new Map(
      [...fs.readFileSync(generated, 'utf8').matchAll(/^export const ([A-Za-z0-9_]+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm)].map((m) => [m[1], m[2]]),
    );
    return documents;
  };
  const PREFIX = 'virtual:schakel-document/';
  return {
    name: 'schakel-graphql-documents',
    enforce: 'pre',
    // The dev server sees a regenerated graphql.ts.
    handleHotUpdate(context) {
      if (context.file === generated) documents = null;
    },
    resolveId(source) {
      return source.startsWith(PREFIX) ? `\0${source}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const name = id.slice(PREFIX.length + 1);
      const literal = documentsOf().get(name);
      if (!literal) throw new Error(`${name} is not in src/gql/graphql.ts; run npm run codegen -w admin`);
      return { code: `export default ${literal};\n`, map: null };
    },
    transform(code, id) {
      const file = id.split('?')[0];
      if (!/\.(ts|tsx)$/.test(file) || file.startsWith(gqlDir) || !file.startsWith(path.join(root, 'src'))) return null;
      if (!code.includes('graphql(')) return null;
      const names = new Set<string>();
      const replaced = code.replace(CALL, (_call, body: string) => {
        const definition = DEFINITION.exec(body);
        if (!definition) throw new Error(`${path.relative(root, file)}: a graphql() document without a named operation or fragment`);
        const name = definition[1] === 'fragment' ? `${definition[2]}FragmentDoc` : `${definition[2]}Document`;
        if (!documentsOf().has(name)) throw new Error(`${path.relative(root, file)}: ${name} is not in src/gql/graphql.ts; run npm run codegen -w admin`);
        names.add(name);
        return `__document_${name}`;
      });
      if (names.size === 0) return null;
      const imports = [...names].map((name) => `import __document_${name} from ${JSON.stringify(PREFIX + name)};\n`).join('');
      return { code: imports + replaced, map: null };
    },
  };
}
