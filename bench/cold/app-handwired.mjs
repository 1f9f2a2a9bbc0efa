// Cold-start entry: the whole process of a handwired app of the current scenario, as a user ships it
// (`node app-handwired.mjs N M`), or bundled into one file by esbuild (cold.mjs). Prints 'started' once
// the app has started, then stops it and lets the process exit on its own.
import { run } from '../systems/handwired.mjs';
import { signalStarted, sizeFromArgs } from './started.mjs';

await run({ ...sizeFromArgs(), onStarted: signalStarted });
