/**
 * Reads back the Mermaid and DOT that plugboard writes, so tests can assert what a person sees:
 * which box is inside which container, what it says, and what points where. Each parser accepts
 * only the statement forms the renderers use (the forms checked against Mermaid 11 and Graphviz)
 * and throws on any other line, so an output drifting to an unchecked syntax fails the tests.
 */

export interface ParsedNode {
  readonly id: string;
  /** The label as displayed: entities decoded, line breaks as '\n'. */
  readonly label: string;
  readonly shape: string;
  /** The plugin container (by its title) the node is drawn in; undefined outside every container. */
  readonly container?: string;
  /** Classes (Mermaid) or style markers (DOT: 'failed', 'missing') applied to it. */
  readonly marks: Set<string>;
}

export interface ParsedEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

export interface ParsedGraph {
  readonly nodes: Map<string, ParsedNode>;
  readonly edges: ParsedEdge[];
  /** Container titles, in order, and whether each is marked failed. */
  readonly containers: Map<string, { failed: boolean }>;
}

const ID = '[A-Za-z][A-Za-z0-9_]*';

/** The node whose label is exactly `label`; throws (listing labels) when there is not exactly one. */
export function byLabel(graph: ParsedGraph, label: string): ParsedNode {
  const found = [...graph.nodes.values()].filter((n) => n.label === label);
  if (found.length !== 1) {
    throw new Error(
      `expected one node labelled ${JSON.stringify(label)}, found ${found.length}; labels: ${JSON.stringify([...graph.nodes.values()].map((n) => n.label))}`,
    );
  }
  return found[0]!;
}

/** Every edge as `from-label -[edge label]-> to-label`, for readable assertions. */
export function edgeList(graph: ParsedGraph): string[] {
  const label = (id: string): string => graph.nodes.get(id)?.label ?? `<undeclared ${id}>`;
  return graph.edges.map((e) => `${label(e.from)} -${e.label ? `[${e.label}]` : ''}-> ${label(e.to)}`);
}

export function parseMermaid(text: string): ParsedGraph {
  const lines = text.split('\n');
  if (lines[0] !== 'flowchart LR') throw new Error(`Mermaid output must start with 'flowchart LR', got ${JSON.stringify(lines[0])}`);
  if (lines.at(-1) !== '') throw new Error('Mermaid output must end with a newline');
  const graph: ParsedGraph = { nodes: new Map(), edges: [], containers: new Map() };
  const containerIds = new Map<string, string>();
  const shapes: Array<[string, RegExp]> = [
    ['subroutine', new RegExp(`^(${ID})\\[\\["([^"]*)"\\]\\]$`)],
    ['stadium', new RegExp(`^(${ID})\\(\\["([^"]*)"\\]\\)$`)],
    ['hexagon', new RegExp(`^(${ID})\\{\\{"([^"]*)"\\}\\}$`)],
    ['rect', new RegExp(`^(${ID})\\["([^"]*)"\\]$`)],
  ];
  const arrows: Array<[RegExp, string]> = [
    [new RegExp(`^(${ID}) -- ([a-z ]+) --> (${ID})$`), ''],
    [new RegExp(`^(${ID}) -\\. ([a-z ]+) \\.-> (${ID})$`), ''],
    [new RegExp(`^(${ID}) == ([a-z ]+) ==> (${ID})$`), ''],
    [new RegExp(`^(${ID}) --> (${ID})$`), 'plain'],
  ];
  let container: string | undefined;
  for (const raw of lines.slice(1, -1)) {
    const line = raw.trim();
    let match: RegExpExecArray | null;
    if ((match = new RegExp(`^subgraph (${ID})\\["([^"]*)"\\]$`).exec(line))) {
      if (container !== undefined) throw new Error(`nested subgraph: ${line}`);
      container = mermaidLabel(match[2]!);
      containerIds.set(match[1]!, container);
      graph.containers.set(container, { failed: false });
      continue;
    }
    if (line === 'end') {
      if (container === undefined) throw new Error("'end' without a subgraph");
      container = undefined;
      continue;
    }
    if (line === 'direction LR' && container !== undefined) continue;
    if (/^classDef (failed|missing) .+$/.test(line)) continue;
    if ((match = new RegExp(`^class (${ID}(?:,${ID})*) (failed|missing)$`).exec(line))) {
      for (const id of match[1]!.split(',')) declared(graph, id).marks.add(match[2]!);
      continue;
    }
    if ((match = new RegExp(`^style (${ID}) [^ ]+$`).exec(line))) {
      const title = containerIds.get(match[1]!);
      if (title === undefined) throw new Error(`style for an unknown subgraph: ${line}`);
      graph.containers.set(title, { failed: true });
      continue;
    }
    const shape = shapes.find(([, pattern]) => pattern.test(line));
    if (shape !== undefined) {
      const [, id, label] = shape[1].exec(line)!;
      if (graph.nodes.has(id!)) throw new Error(`node ${id} declared twice`);
      const node: ParsedNode = {
        id: id!,
        label: mermaidLabel(label!),
        shape: shape[0],
        marks: new Set(),
        ...(container === undefined ? {} : { container }),
      };
      graph.nodes.set(id!, node);
      continue;
    }
    const arrow = arrows.find(([pattern]) => pattern.test(line));
    if (arrow !== undefined) {
      const parts = arrow[0].exec(line)!;
      const edge =
        arrow[1] === 'plain' ? { from: parts[1]!, to: parts[2]!, label: '' } : { from: parts[1]!, to: parts[3]!, label: parts[2]! };
      declared(graph, edge.from);
      declared(graph, edge.to);
      graph.edges.push(edge);
      continue;
    }
    throw new Error(`unexpected Mermaid line: ${JSON.stringify(raw)}`);
  }
  if (container !== undefined) throw new Error(`subgraph '${container}' is not closed`);
  return graph;
}

export function parseDot(text: string): ParsedGraph {
  const lines = text.split('\n');
  if (lines[0] !== 'digraph plugboard {' || lines.at(-2) !== '}' || lines.at(-1) !== '')
    throw new Error('not a closed digraph plugboard { ... }');
  const graph: ParsedGraph = { nodes: new Map(), edges: [], containers: new Map() };
  let container: string | undefined;
  for (const raw of lines.slice(1, -2)) {
    const line = raw.trim();
    let match: RegExpExecArray | null;
    if (/^(rankdir=LR|(graph|node|edge) \[[^\]]*\]);$/.test(line)) continue;
    if (new RegExp(`^subgraph cluster_${ID} \\{$`).test(line)) {
      if (container !== undefined) throw new Error(`nested cluster: ${line}`);
      container = '';
      continue;
    }
    if (container !== undefined) {
      if ((match = /^label="((?:[^"\\]|\\.)*)";$/.exec(line))) {
        container = dotLabel(match[1]!);
        graph.containers.set(container, { failed: false });
        continue;
      }
      if (line === 'style=rounded;' || line === 'fontcolor=red;') continue;
      if (line === 'color=red;') {
        graph.containers.set(container, { failed: true });
        continue;
      }
      if (line === '}') {
        container = undefined;
        continue;
      }
    }
    if ((match = new RegExp(`^(${ID}) \\[label="((?:[^"\\\\]|\\\\.)*)", (.*)\\];$`).exec(line))) {
      const [, id, label, attributes] = match;
      if (graph.nodes.has(id!)) throw new Error(`node ${id} declared twice`);
      const marks = new Set<string>();
      if (/style=dashed/.test(attributes!) && /color=red/.test(attributes!)) marks.add('missing');
      else if (/color=red/.test(attributes!)) marks.add('failed');
      const node: ParsedNode = {
        id: id!,
        label: dotLabel(label!),
        shape: /shape=(\w+)/.exec(attributes!)?.[1] ?? 'ellipse',
        marks,
        ...(container ? { container } : {}),
      };
      graph.nodes.set(id!, node);
      continue;
    }
    if ((match = new RegExp(`^(${ID}) -> (${ID}) \\[(.*)\\];$`).exec(line))) {
      const [, from, to, attributes] = match;
      declared(graph, from!);
      declared(graph, to!);
      graph.edges.push({ from: from!, to: to!, label: /label="([^"]*)"/.exec(attributes!)?.[1] ?? '' });
      continue;
    }
    throw new Error(`unexpected DOT line: ${JSON.stringify(raw)}`);
  }
  return graph;
}

function declared(graph: ParsedGraph, id: string): ParsedNode {
  const node = graph.nodes.get(id);
  // An undeclared id would make Mermaid and Graphviz draw a bare box named after the escaped id.
  if (node === undefined) throw new Error(`${id} is used before it is declared`);
  return node;
}

function mermaidLabel(text: string): string {
  return text.replace(/<br>/g, '\n').replace(/#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

function dotLabel(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}
