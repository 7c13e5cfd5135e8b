/**
 * Makes the declaration files that `tsc -p tsconfig.build.json` emits under dist/types resolve in
 * every TypeScript setup. The sources import relative paths without an extension (`'../client'`,
 * `import("..")`), which `moduleResolution: bundler` accepts and `node16`/`nodenext` do not: there
 * the types became `any`. This rewrites each relative specifier to the file Node would load,
 * `'../client/index.js'`, `'./request.js'`, found from the declaration files themselves, so
 * every mode resolves the same files. Specifiers are found with TypeScript's parser (imports,
 * re-exports, `import("…")` types, `declare module`), not a regular expression.
 *
 * `node --import tsx scripts/dts-specifiers.ts [dir]` (`npm run build` runs it on dist/types).
 * Fails on a relative specifier that matches no declaration file.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Every .d.ts file under `dir`. */
const declarationFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return declarationFiles(path);
    return name.endsWith('.d.ts') ? [path] : [];
  });

/** The string literals of a declaration file that name a module. */
const moduleSpecifiers = (source: ts.SourceFile): ts.StringLiteralLike[] => {
  const found: ts.StringLiteralLike[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteralLike(node.argument.literal)) {
      found.push(node.argument.literal);
    } else if (ts.isModuleDeclaration(node) && ts.isStringLiteralLike(node.name)) {
      found.push(node.name);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteralLike(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

/** The specifier Node would load for `specifier` written in `file`, or undefined if it matches no declaration. */
export const withExtension = (file: string, specifier: string): string | undefined => {
  if (/\.(js|mjs|cjs|json)$/.test(specifier)) return specifier;
  const target = resolve(dirname(file), specifier);
  const prefix = specifier.endsWith('/') ? specifier.slice(0, -1) : specifier;
  if (existsSync(`${target}.d.ts`)) return `${prefix}.js`;
  if (existsSync(join(target, 'index.d.ts'))) return `${prefix}/index.js`;
  return undefined;
};

/** Rewrites the relative specifiers of every declaration file under `dir`; returns how many. */
export const rewriteDeclarationSpecifiers = (dir: string): number => {
  let rewritten = 0;
  for (const file of declarationFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
    const edits = moduleSpecifiers(source)
      .filter((literal) => literal.text.startsWith('./') || literal.text.startsWith('../') || literal.text === '.' || literal.text === '..')
      .map((literal) => {
        const replacement = withExtension(file, literal.text);
        if (replacement === undefined) throw new Error(`${relative(process.cwd(), file)}: '${literal.text}' matches no declaration file`);
        return { start: literal.getStart(source) + 1, end: literal.getEnd() - 1, replacement };
      })
      .filter((edit) => text.slice(edit.start, edit.end) !== edit.replacement)
      .sort((a, b) => b.start - a.start);
    if (edits.length === 0) continue;
    let out = text;
    for (const edit of edits) out = out.slice(0, edit.start) + edit.replacement + out.slice(edit.end);
    writeFileSync(file, out);
    rewritten += edits.length;
  }
  return rewritten;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = resolve(process.argv[2] ?? 'dist/types');
  rewriteDeclarationSpecifiers(dir);
}
