// Import-cost entry: Backstage's wiring packages, the two an app of the benchmark imports.
import * as appApi from '@backstage/backend-app-api';
import * as pluginApi from '@backstage/backend-plugin-api';

globalThis.benchKeep = [appApi, pluginApi];
