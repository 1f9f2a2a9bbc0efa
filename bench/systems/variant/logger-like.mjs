// The variant scenario's services, shaped like a logger: one root instance, and per plugin a child
// made from it (as a plugin logger is `rootLogger.child({ plugin })`). Every system builds them with
// its own factory mechanism; these classes only hold what the checks read.

export class RootService {
  child(bindings) {
    return new PluginService(this, bindings);
  }
}

export class PluginService {
  constructor(parent, bindings) {
    this.parent = parent;
    this.bindings = bindings;
  }
}
