// Import-cost entry: plugboard's main entry (dist/index.js) with all it imports: reflect-metadata,
// InversifyJS, pino and plugboard's own files.
import * as plugboard from '../../dist/index.js';

globalThis.benchKeep = plugboard;
