import dagre from '@dagrejs/dagre';

// Lays a definition out top to bottom with dagre, one scope at a time: a Parallel or Map is a box whose size is that
// of its branches (side by side) or its item processor, laid out the same way, so nested states are drawn nested.

export const NODE = { width: 170, height: 42 };
const PAD = 14;
const HEADER = 30;
const GAP = 20;

function transitions(state) {
  const next = [];
  if (state.Next) next.push({ to: state.Next });
  for (const choice of state.Choices ?? []) if (choice.Next) next.push({ to: choice.Next, label: 'choice' });
  if (state.Default) next.push({ to: state.Default, label: 'default' });
  for (const catcher of state.Catch ?? []) {
    if (catcher.Next) next.push({ to: catcher.Next, label: (catcher.ErrorEquals ?? []).join(', '), caught: true });
  }
  return next;
}

function children(state) {
  if (state.Type === 'Parallel') return (state.Branches ?? []).map(layoutScope);
  if (state.Type === 'Map') {
    const processor = state.ItemProcessor ?? state.Iterator;
    return processor ? [layoutScope(processor)] : [];
  }
  return [];
}

/** {width, height, nodes: [{name, state, x, y, width, height, scopes: [{x, y, layout}]}], edges: [{from, to, points, label, caught}]} */
export function layoutScope(scope) {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 36, marginx: PAD, marginy: PAD });
  graph.setDefaultEdgeLabel(() => ({}));
  const states = scope?.States ?? {};
  const inner = {};
  for (const [name, state] of Object.entries(states)) {
    const scopes = children(state);
    inner[name] = scopes;
    const width = scopes.length
      ? Math.max(NODE.width, scopes.reduce((sum, s) => sum + s.width, 0) + GAP * (scopes.length - 1) + 2 * PAD)
      : NODE.width;
    const height = scopes.length ? HEADER + Math.max(...scopes.map((s) => s.height)) + PAD : NODE.height;
    graph.setNode(name, { width, height });
  }
  let index = 0;
  for (const [name, state] of Object.entries(states)) {
    for (const edge of transitions(state)) {
      if (states[edge.to]) graph.setEdge(name, edge.to, { ...edge, from: name }, `e${index++}`);
    }
  }
  dagre.layout(graph);

  const nodes = graph.nodes().map((name) => {
    const n = graph.node(name);
    const x = n.x - n.width / 2;
    const y = n.y - n.height / 2;
    let left = (n.width - (inner[name].reduce((sum, s) => sum + s.width, 0) + GAP * Math.max(0, inner[name].length - 1))) / 2;
    const scopes = inner[name].map((layout) => {
      const placed = { x: left, y: HEADER, layout };
      left += layout.width + GAP;
      return placed;
    });
    return { name, state: states[name], x, y, width: n.width, height: n.height, scopes, start: name === scope.StartAt };
  });
  const edges = graph.edges().map((e) => ({ ...graph.edge(e), points: graph.edge(e).points }));
  const { width = NODE.width, height = NODE.height } = graph.graph();
  return { width, height, nodes, edges };
}
