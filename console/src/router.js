import { useEffect, useState } from 'react';

// Hash routes, so the server needs to serve only index.html: #/state-machines/<arn>, #/executions/<arn>, #/map-runs/<arn>.

export const href = (...parts) => '#/' + parts.map(encodeURIComponent).join('/');

function current() {
  return window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export function useRoute() {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const changed = () => setRoute(current());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}

export const navigate = (...parts) => { window.location.hash = href(...parts).slice(1); };
