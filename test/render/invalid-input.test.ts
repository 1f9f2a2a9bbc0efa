// toMermaid and toDot are public functions that JavaScript callers (and TypeScript callers with a
// cast or a hand-built object) can give anything: every wrong argument is INVALID_OPTIONS naming
// the value that is wrong, and building that message never throws.
import { type AppDescription, isPlugboardError, toDot, toMermaid, type RenderOptions } from 'plugboard';

type Render = (description: AppDescription, options?: RenderOptions) => string;

const sound = (): AppDescription => ({
  state: 'built',
  plugins: [
    {
      id: 'catalog',
      status: 'pending',
      dependsOn: [],
      provides: [],
      uses: [],
      services: ['db.pool'],
      modules: [],
      moduleOrder: [],
    },
  ],
  extensionPoints: [],
  services: [
    {
      id: 'db.pool',
      scope: 'root',
      source: 'installed',
      implementation: 'factory',
      implementations: ['factory'],
      multiton: false,
      initialization: 'always',
      dependencies: [],
      dependants: [],
    },
  ],
  initOrder: [['catalog']],
  problems: [],
});

/** Replaces `description[key]` with `value`, whatever its type: the point is to pass what the types forbid. */
function withField(key: string, value: unknown): AppDescription {
  return { ...sound(), [key]: value };
}

function withService(field: string, value: unknown): AppDescription {
  const description = sound();
  return { ...description, services: [{ ...description.services[0]!, [field]: value }] };
}

function withPlugin(field: string, value: unknown): AppDescription {
  const description = sound();
  return { ...description, plugins: [{ ...description.plugins[0]!, [field]: value }] };
}

/** What `render` throws for these arguments; fails the test when it returns. */
function thrownBy(render: Render, description: unknown, options?: unknown): Error {
  try {
    render(description as AppDescription, options as RenderOptions);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the renderer to throw');
}

const cyclic: Record<string, unknown> = { name: 'cyclic' };
cyclic.self = cyclic;
const revoked = Proxy.revocable({}, {});
revoked.revoke();

describe.each<[string, Render]>([
  ['toMermaid', toMermaid],
  ['toDot', toDot],
])('%s refuses what is not a description', (name, render) => {
  it.each<[string, unknown, string]>([
    ['an empty object', {}, 'description.plugins must be an array, but it is missing (undefined).'],
    ['null', null, 'description must be an object, but it is null.'],
    ['undefined', undefined, 'description must be an object, but it is missing (undefined).'],
    ['a BigInt', 10n, 'description must be an object, but it is a bigint (10n).'],
    ['a string', 'catalog', 'description must be an object, but it is the string "catalog".'],
    ['plugins as an object', withField('plugins', { catalog: {} }), 'description.plugins must be an array, but it is an object.'],
    ['a BigInt plugin id', withPlugin('id', 5n), 'description.plugins[0].id must be a string, but it is a bigint (5n).'],
    [
      'a symbol in dependsOn',
      withPlugin('dependsOn', [Symbol('x')]),
      'description.plugins[0].dependsOn[0] must be a string, but it is a symbol (Symbol(x)).',
    ],
    [
      'a cyclic module',
      withPlugin('modules', [cyclic]),
      'description.plugins[0].modules[0].id must be a string, but it is missing (undefined).',
    ],
    [
      'a service scope',
      withService('scope', 'global'),
      `description.services[0].scope must be 'root' or 'plugin', but it is the string "global".`,
    ],
    [
      'a BigInt dependency',
      withService('dependencies', [1n]),
      'description.services[0].dependencies[0] must be a string, but it is a bigint (1n).',
    ],
    [
      'multiton as a string',
      withService('multiton', 'yes'),
      'description.services[0].multiton must be a boolean, but it is the string "yes".',
    ],
    [
      'implementations with a class',
      withService('implementations', [class Store {}]),
      'description.services[0].implementations[0] must be a string, but it is a function (Store).',
    ],
    [
      'an unknown initialization',
      withService('initialization', 'eager'),
      `description.services[0].initialization must be 'always' or 'lazy', but it is the string "eager".`,
    ],
    [
      'a replaced entry without loader',
      withService('replaced', [{ implementation: 'Pg' }]),
      'description.services[0].replaced[0].loader must be a string, but it is missing (undefined).',
    ],
    [
      'a problem without code',
      withField('problems', [{ refId: 'x' }]),
      'description.problems[0].code must be a string, but it is missing (undefined).',
    ],
    [
      'a revoked Proxy',
      revoked.proxy,
      "description.plugins could not be read: reading it threw TypeError: Cannot perform 'get' on a proxy that has been revoked.",
    ],
    [
      'a getter that throws a BigInt',
      Object.defineProperty(sound(), 'services', {
        get() {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- what a careless getter may throw
          throw 7n;
        },
      }),
      'description.services could not be read: reading it threw a bigint (7n).',
    ],
    [
      'a Proxy whose message getter throws',
      withField(
        'extensionPoints',
        new Proxy([], {
          get(target, key) {
            if (key !== 'length') return Reflect.get(target, key) as unknown;
            const error = new Error();
            Object.defineProperty(error, 'message', {
              get() {
                throw new Error('no message either');
              },
            });
            throw error;
          },
        }),
      ),
      'description.extensionPoints could not be read: reading it threw Error whose message cannot be read.',
    ],
  ])('%s', (_case, description, problem) => {
    const error = thrownBy(render, description);
    expect(isPlugboardError(error, 'INVALID_OPTIONS')).toBe(true);
    expect(error.message).toBe(
      `${name}(): ${problem} Pass what app.describe() returns (await app.validate() first when add() was given promises).`,
    );
  });

  const optionsHint = "Leave options out, or pass an object such as { plugin: 'catalog' }.";
  it.each<[string, unknown, string]>([
    ['a number as plugin', { plugin: 5 }, `options.plugin must be a plugin id (a string), but it is a number (5). ${optionsHint}`],
    ['a BigInt as plugin', { plugin: 5n }, `options.plugin must be a plugin id (a string), but it is a bigint (5n). ${optionsHint}`],
    ['an object as plugin', { plugin: cyclic }, `options.plugin must be a plugin id (a string), but it is an object. ${optionsHint}`],
    ['null', null, `options must be an object, but it is null. ${optionsHint}`],
    ['a string', 'catalog', `options must be an object, but it is the string "catalog". ${optionsHint}`],
    ['a misspelt key', { plugn: 'catalog' }, `options has an unknown key "plugn". ${name}'s options are: plugin.`],
    [
      'a symbol key',
      { [Symbol('plugin')]: 'catalog' },
      `options has an unknown key a symbol (Symbol(plugin)). ${name}'s options are: plugin.`,
    ],
  ])('options: %s', (_case, options, problem) => {
    const error = thrownBy(render, sound(), options);
    expect(isPlugboardError(error, 'INVALID_OPTIONS')).toBe(true);
    expect(error.message).toBe(`${name}(): ${problem}`);
  });

  it('describes a wrong value without running its getters (a static name, a constructor getter)', () => {
    const ran: string[] = [];
    class Store {}
    Object.defineProperty(Store, 'name', {
      get: () => {
        ran.push('static name');
        return 'Store';
      },
    });
    class Item {}
    Object.defineProperty(Item.prototype, 'constructor', {
      get: () => {
        ran.push('constructor');
        return Item;
      },
    });
    const error = thrownBy(render, withService('implementations', [Store, new Item()]));
    expect(error.message).toContain('implementations[0] must be a string, but it is a function.');
    expect(thrownBy(render, withService('implementations', [new Item()])).message).toContain('but it is an object.');
    expect(ran).toEqual([]);
  });

  it('names an unknown plugin, listing at most 20 of the plugins there are', () => {
    const many = sound();
    const plugins = Array.from({ length: 25 }, (_, index) => ({ ...many.plugins[0]!, id: `p${index}` }));
    const error = thrownBy(render, { ...many, plugins }, { plugin: 'nope' });
    expect(isPlugboardError(error, 'INVALID_OPTIONS')).toBe(true);
    const listed = plugins.slice(0, 20).map((p) => `'${p.id}'`);
    expect(error.message).toBe(`No plugin "nope" to render; the app's plugins: ${listed.join(', ')}, and 5 more.`);
  });

  it('still draws a valid description, and leaving options out or undefined is the same', () => {
    expect(render(sound())).toBe(render(sound(), {}));
    expect(render(sound(), { plugin: undefined })).toBe(render(sound()));
    expect(render(sound())).toContain('catalog');
  });

  it('reads each value once, so a getter cannot pass the check and then change what is drawn', () => {
    let reads = 0;
    const description = Object.defineProperty(sound(), 'plugins', {
      get() {
        reads++;
        return reads === 1 ? sound().plugins : 'not a list any more';
      },
    });
    expect(render(description)).toContain('catalog');
    expect(reads).toBe(1);
  });
});
