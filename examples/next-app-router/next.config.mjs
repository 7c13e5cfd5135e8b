import path from 'node:path';
import { fileURLToPath } from 'node:url';

// In this repository the example uses the repository's node_modules (next, react, the peers):
// Turbopack's root is the repository. An app of its own needs neither line.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** @type {import('next').NextConfig} */
const config = {
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default config;
