import { useMemo } from 'react';
import { layoutScope } from './layout.js';

// The definition as a graph: each state a box coloured by its outcome, Parallel and Map boxes holding their scopes.

export const STATUS_LABELS = {
  succeeded: 'Succeeded', failed: 'Failed', 'timed-out': 'Timed out', aborted: 'Aborted', caught: 'Caught error',
  running: 'In progress', 'not-run': 'Not run',
};

function Edge({ edge }) {
  const d = edge.points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
  return <path className={edge.caught ? 'edge caught' : 'edge'} d={d} markerEnd="url(#arrow)" />;
}

function Scope({ layout, outcomes, selected, onSelect }) {
  return (
    <g>
      {layout.edges.map((edge, i) => <Edge key={i} edge={edge} />)}
      {layout.nodes.map((node) => {
        const outcome = outcomes.get(node.name);
        const status = outcome?.status ?? 'not-run';
        const container = node.scopes.length > 0;
        const iterations = outcome?.current.at(-1)?.iterations;
        const note = node.state.Type === 'Map' && iterations?.started
          ? ` · ${iterations.failed} of ${iterations.started} iterations failed`
          : '';
        return (
          <g key={node.name} transform={`translate(${node.x},${node.y})`}>
            <g
              className={`state ${status}${selected === node.name ? ' selected' : ''}${container ? ' container' : ''}`}
              data-testid={`state-${node.name}`}
              data-status={status}
              onClick={(e) => { e.stopPropagation(); onSelect(node.name); }}
            >
              <rect width={node.width} height={node.height} rx={container ? 8 : 6} />
              <text x={10} y={container ? 19 : 18} className="name">{node.name}</text>
              <text x={10} y={container ? 19 : 33} dx={container ? 0 : 0} className="type">
                {container ? '' : node.state.Type}
              </text>
              {container && (
                <text x={node.width - 10} y={19} textAnchor="end" className="type">{node.state.Type}{note}</text>
              )}
            </g>
            {node.scopes.map((scope, i) => (
              <g key={i} transform={`translate(${scope.x},${scope.y})`}>
                <rect className="scope" width={scope.layout.width} height={scope.layout.height} rx={6} />
                <Scope layout={scope.layout} outcomes={outcomes} selected={selected} onSelect={onSelect} />
              </g>
            ))}
          </g>
        );
      })}
    </g>
  );
}

export default function Graph({ definition, outcomes, selected, onSelect }) {
  const layout = useMemo(() => layoutScope(definition), [definition]);
  return (
    <div className="graph">
      <svg width={layout.width} height={layout.height} data-testid="graph">
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" fill="#6b7280" />
          </marker>
        </defs>
        <Scope layout={layout} outcomes={outcomes} selected={selected} onSelect={onSelect} />
      </svg>
      <div className="legend">
        {Object.entries(STATUS_LABELS).map(([status, label]) => (
          <span key={status} className={`swatch ${status}`}>{label}</span>
        ))}
      </div>
    </div>
  );
}
