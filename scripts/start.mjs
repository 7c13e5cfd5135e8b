// `npm start`: the main job. Until the demo app lands, it serves the local emulator of the
// passwordless API with its outbox page. Ctrl-C stops it.
import { spawn } from 'node:child_process';

const port = process.env.PASSLINK_EMULATOR_PORT ?? '4500';
const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/cli.ts', '--port', port], { stdio: 'inherit' });
console.log('passlink: the demo app is coming soon; meanwhile here is the emulator the demo will use.');
const stop = (signal) => child.kill(signal);
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
child.on('exit', (code) => process.exit(code ?? 0));
