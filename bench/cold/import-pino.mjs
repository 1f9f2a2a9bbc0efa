// Import-cost entry: pino alone (plugboard imports it eagerly for its root logger).
import * as pino from 'pino';

globalThis.benchKeep = pino;
