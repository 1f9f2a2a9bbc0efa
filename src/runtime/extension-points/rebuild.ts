import { plugboardError } from '../../errors/index.js';
import type { Boxed } from '../instances.js';
import type { Gate } from './gate.js';
import { findMember, isData, methodOf } from './view.js';

/**
 * Rebuilds a `useClass` implementation without the calls of modules that were left out: a fresh
 * instance receives, in their original order, the calls every other holder made. Afterwards the
 * gate (and so every view) forwards to the fresh instance, and the provider will inject it.
 */
export function rebuildImplementation(
  gate: Gate,
  leftOut: ReadonlySet<string>,
  fresh: Boxed<object>,
  adopt: (instance: object) => void,
): Boxed<void> {
  const replay = (instance: object): { value: void } => {
    for (const call of gate.log ?? []) {
      if (leftOut.has(call.holder)) continue;
      try {
        const member = findMember(instance, call.member);
        const method = methodOf(member);
        if (call.kind === 'call' && method !== undefined) Reflect.apply(method, instance, call.args);
        else if (call.kind === 'set' && member !== undefined && !isData(member) && member.set !== undefined)
          Reflect.apply(member.set, instance, call.args);
      } catch (error) {
        throw plugboardError('INIT_FAILED', {
          reason: 'replay',
          pluginId: gate.node.pluginId,
          extensionPointId: gate.node.id,
          cause: error,
        });
      }
    }
    gate.implementation = instance;
    adopt(instance);
    return { value: undefined };
  };
  return fresh instanceof Promise ? fresh.then((boxed) => replay(boxed.value)) : replay(fresh.value);
}
