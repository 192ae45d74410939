// `npm run api`: the API server (api/src/server.ts, or the TypeScript entry given) in a Node.js process started
// with the API's flags and environment (node-flags.mjs), which a package.json script cannot set on every platform.
import { spawn } from 'node:child_process';
import { API_NODE_FLAGS, apiEnvironment } from './node-flags.mjs';

const entry = process.argv[2] ?? 'api/src/server.ts';
const server = spawn(process.execPath, [...API_NODE_FLAGS, '--import', 'tsx', entry], { stdio: 'inherit', env: apiEnvironment(process.env) });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
