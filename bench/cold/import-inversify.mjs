// Import-cost entry: InversifyJS alone (the whole package: its namespace is kept, so a bundler
// cannot drop any of it).
import * as inversify from 'inversify';

globalThis.benchKeep = inversify;
