import { Fragment, useState } from 'react';
import { details, stepNames } from '../graph/outcomes.js';
import { date } from '../format.js';
import { Json } from './common.jsx';

/** The execution's events, oldest first; a row opens to its details. */
export default function HistoryTable({ events }) {
  const [open, setOpen] = useState(() => new Set());
  const names = stepNames(events);
  const started = events[0]?.timestamp;
  const toggle = (id) => setOpen((before) => {
    const next = new Set(before);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  });
  return (
    <table className="history" data-testid="history">
      <thead><tr><th>ID</th><th>Type</th><th>Step</th><th>Started after</th><th>Date</th></tr></thead>
      <tbody>
        {events.map((event) => (
          <Fragment key={event.id}>
            <tr className={`event ${/Failed|TimedOut|Aborted/.test(event.type) ? 'bad' : ''}`} onClick={() => toggle(event.id)}>
              <td>{open.has(event.id) ? '▾' : '▸'} {event.id}</td>
              <td>{event.type}</td>
              <td>{names.get(event.id) ?? ''}</td>
              <td>{Math.round((event.timestamp - started) * 1000)} ms</td>
              <td>{date(event.timestamp)}</td>
            </tr>
            {open.has(event.id) && (
              <tr className="event-details"><td colSpan={5}>
                <Json value={{ id: event.id, previousEventId: event.previousEventId, ...details(event) }} />
              </td></tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
