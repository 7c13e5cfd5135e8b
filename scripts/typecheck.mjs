// Type-checks the whole project (tsconfig.json: src, tests, stories, demo, scripts) as
// `tsc -p tsconfig.json --noEmit` does, and with `--declarations` also writes the package's
// declarations (dist/types, from src only) as `tsc -p tsconfig.build.json` does, from the SAME
// program: `npm test` checked src twice before (once for the check, once for the declarations).
// The declarations are those of tsconfig.build.json: its options, its files; a file outside them
// is checked but never emitted.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const emitDeclarations = process.argv.includes('--declarations');

const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => fail([diagnostic]) };
const formatHost = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => root, getNewLine: () => ts.sys.newLine };

function fail(diagnostics) {
  const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  process.stderr.write(format(diagnostics, formatHost));
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  process.stderr.write(`\nFound ${errors} error${errors === 1 ? '' : 's'}.\n`);
  process.exit(1);
}

const parse = (name) => {
  const parsed = ts.getParsedCommandLineOfConfigFile(resolve(root, name), {}, host);
  if (!parsed) process.exit(1);
  if (parsed.errors.length) fail(parsed.errors);
  return parsed;
};

const project = parse('tsconfig.json');
const build = emitDeclarations ? parse('tsconfig.build.json') : undefined;
const declared = new Set(build?.fileNames.map((name) => resolve(name)));

const program = ts.createProgram({
  rootNames: project.fileNames,
  // The check runs with tsconfig.json's options; the declaration options are tsconfig.build.json's
  // (which extends it and differs only in them), and do not change what the checker reports.
  options: build
    ? { ...project.options, noEmit: false, declaration: true, emitDeclarationOnly: true, declarationMap: build.options.declarationMap, outDir: build.options.outDir, rootDir: root }
    : project.options,
});

const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length) fail(diagnostics);

if (build) {
  // Emitted against the project root (every checked file is under it), written where
  // tsconfig.build.json's rootDir (src) puts them: dist/types/src/x.d.ts -> dist/types/x.d.ts.
  const outDir = resolve(build.options.outDir);
  const srcRoot = resolve(build.options.rootDir);
  const writeFile = (fileName, text, bom) => {
    const fromRoot = relative(outDir, resolve(fileName));
    const target = resolve(outDir, relative(relative(root, srcRoot), fromRoot));
    ts.sys.writeFile(target, text, bom);
  };
  const emitted = [];
  for (const sourceFile of program.getSourceFiles()) {
    if (!declared.has(resolve(sourceFile.fileName))) continue;
    const result = program.emit(sourceFile, writeFile, undefined, true);
    emitted.push(...result.diagnostics);
  }
  if (emitted.length) fail(emitted);
}
