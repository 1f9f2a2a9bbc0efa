// Cold-start entry: the whole process of a plugboard app of the current scenario, as a user ships it
// (`node app-plugboard.mjs N M`), or bundled into one file by esbuild (cold.mjs). Prints 'started' once
// the app has started, then stops it and lets the process exit on its own.
import { run } from '../systems/plugboard.mjs';
import { signalStarted, sizeFromArgs } from './started.mjs';

await run({ ...sizeFromArgs(), onStarted: signalStarted });
