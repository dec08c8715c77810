// Serves a release build (scripts/build.sh) as a host would: node scripts/serve.mjs [folder] [port].
import { resolve } from 'node:path';
import { startServer } from './site-server.mjs';

const folder = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
const server = await startServer({ folder, port });
console.log(`L'agenda est servi à l'adresse ${server.url}/ (Ctrl+C pour arrêter).`);
