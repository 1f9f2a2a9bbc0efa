import { GitlabActionsModule } from './modules.js';

// A feature module: add(import('./gitlab-feature.js')) installs its default export.
export default GitlabActionsModule;
