// Dates on the wire are epoch seconds (AWS JSON 1.0 timestamps).

export const date = (seconds) => (seconds == null ? '' : new Date(seconds * 1000).toLocaleString());

export const duration = (fromSeconds, toSeconds) => {
  if (fromSeconds == null) return '';
  const ms = Math.max(0, Math.round(((toSeconds ?? Date.now() / 1000) - fromSeconds) * 1000));
  return ms < 1000 ? `${ms} ms` : ms < 60000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
};

/** JSON text (as payloads travel) or a value, shown indented. */
export function pretty(value) {
  if (value == null) return '';
  if (typeof value === 'string') {
    try { return JSON.stringify(JSON.parse(value), null, 2); } catch { return value; }
  }
  return JSON.stringify(value, null, 2);
}

/** The name at the end of an ARN: the state machine, execution or map run name. */
export const arnName = (arn) => (arn ?? '').split(':').slice(6).join(':');

export const CLOSED_REDRIVABLE = ['FAILED', 'TIMED_OUT', 'ABORTED'];
