import type { MessageSpec } from './define.js';
import { configMessages } from './messages/config.js';
import { featureMessages } from './messages/features.js';
import { runningMessages } from './messages/running.js';
import { serviceMessages } from './messages/services.js';
import { tokenMessages } from './messages/tokens.js';
import { wiringMessages } from './messages/wiring.js';
import type { PlugboardErrorCode } from './plugboard-error.js';

/** Every code's message builder: the one place messages are written. */
export const catalogue = {
  ...tokenMessages,
  ...featureMessages,
  ...wiringMessages,
  ...serviceMessages,
  ...runningMessages,
  ...configMessages,
} satisfies { readonly [C in PlugboardErrorCode]: { message(data: never): string; readonly example: unknown } };

/** The data code `C`'s message is built from. */
export type MessageData<C extends PlugboardErrorCode> = (typeof catalogue)[C] extends MessageSpec<infer D> ? D : never;
