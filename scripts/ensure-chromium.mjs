// The browser tests drive Debian's Chromium at /usr/bin/chromium (never a downloaded browser).
// Installs it when it is missing and we may (root with apt-get); otherwise says what to do.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && hasApt) {
  console.log('Installing Debian\'s chromium for the browser tests (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env }) : update;
  if (install.status === 0 && existsSync(CHROMIUM)) process.exit(0);
}
console.error(`The browser tests need Chromium at ${CHROMIUM}: run \`sudo apt-get install -y chromium\` (Debian/Ubuntu) and try again.`);
process.exit(1);
