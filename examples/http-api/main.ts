import { runApp } from 'plugboard';
import { createHttpApiBuilder } from './app.js';
import { httpServerRef } from './http-server.js';

// PORT=0 picks a free port; Ctrl-C stops the app in order and exits.
const app = await runApp(createHttpApiBuilder({ config: { http: { port: Number(process.env['PORT'] ?? 7007) } } }));
const url = app.get(httpServerRef).url();
console.log(`todo API on ${url}/api/todo/items (try: curl -d '{"title":"milk"}' ${url}/api/todo/items)`);
