import { useEffect } from "react";

/** Calls `callback` every `ms` while the component is shown (memoise the callback). */
export function useInterval(callback: () => void, ms: number): void {
  useEffect(() => {
    const timer = window.setInterval(callback, ms);
    return () => window.clearInterval(timer);
  }, [callback, ms]);
}
