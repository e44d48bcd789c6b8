import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads with `load()` now, and again every `intervalMs` while `keepPolling(data)` holds (an execution that runs);
 * `reload()` loads at once. Answers {data, error, reload}.
 */
export function usePoll(load, deps, { intervalMs = 1000, keepPolling = () => false } = {}) {
  const [state, setState] = useState({ data: null, error: null });
  const generation = useRef(0);
  const timer = useRef(null);
  const run = useCallback(async () => {
    const mine = ++generation.current;
    clearTimeout(timer.current);
    try {
      const data = await load();
      if (mine !== generation.current) return;
      setState({ data, error: null });
      if (keepPolling(data)) timer.current = setTimeout(run, intervalMs);
    } catch (error) {
      if (mine !== generation.current) return;
      setState((before) => ({ data: before.data, error }));
      timer.current = setTimeout(run, intervalMs * 3);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    run();
    return () => { generation.current++; clearTimeout(timer.current); };
  }, [run]);
  return { ...state, reload: run };
}
