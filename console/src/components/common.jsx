import { useState } from 'react';
import { pretty } from '../format.js';

export const Status = ({ status }) => <span className={`status ${String(status).toLowerCase()}`}>{status}</span>;

export const Failure = ({ error }) => (error ? <div className="failure" role="alert">{String(error.message ?? error)}</div> : null);

export function Json({ value, label }) {
  const text = pretty(value);
  if (!text) return null;
  return (
    <div className="json">
      {label && <div className="json-label">{label}</div>}
      <pre>{text}</pre>
    </div>
  );
}

export function Fields({ rows }) {
  return (
    <dl className="fields">
      {rows.filter(([, value]) => value !== undefined && value !== null && value !== '').map(([label, value]) => (
        <div key={label}><dt>{label}</dt><dd>{value}</dd></div>
      ))}
    </dl>
  );
}

export function Tabs({ tabs }) {
  const [open, setOpen] = useState(0);
  return (
    <div className="tabs">
      <div className="tab-bar">
        {tabs.map(([label], i) => (
          <button key={label} className={i === open ? 'active' : ''} onClick={() => setOpen(i)}>{label}</button>
        ))}
      </div>
      {tabs[open][1]}
    </div>
  );
}

export function Modal({ title, onClose, children }) {
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-label={title} onClick={(e) => e.stopPropagation()}>
        <div className="modal-title"><h2>{title}</h2><button className="plain" onClick={onClose} aria-label="Close">×</button></div>
        {children}
      </div>
    </div>
  );
}
