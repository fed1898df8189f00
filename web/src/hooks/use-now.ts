import { useSyncExternalStore } from "react";

/**
 * One ticking clock for the whole page: every countdown reads the same instant, and one interval
 * drives them all (started with the first subscriber, stopped with the last).
 */
const TICK_MS = 1_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: number | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = window.setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

function snapshot(): number {
  // Before the first subscriber (the first render) the last tick may be long gone.
  if (timer === undefined && Date.now() - now >= TICK_MS) now = Date.now();
  return now;
}

/** The current time in epoch ms, updated once a second while a component uses it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
