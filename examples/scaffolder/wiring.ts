import { createScaffolderBuilder } from './app.js';

// For the CLI: `npx plugboard check .examples-build/scaffolder/wiring.js` (after `npm run build:examples`).
export default createScaffolderBuilder();
