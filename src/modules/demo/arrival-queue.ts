/**
 * Case arrivals in time order, including the ones cases create as they play out (recontacts).
 * A binary min-heap on arrival time; equal times leave in the order they were added, so the
 * simulation is deterministic.
 */
import type { CaseArrival } from "./case-arrivals.js";

interface QueuedArrival {
  arrival: CaseArrival;
  order: number;
}

export interface ArrivalQueue {
  add(arrival: CaseArrival): void;
  /** The earliest arrival, removed from the queue; undefined when none is left. */
  takeNext(): CaseArrival | undefined;
}

export function createArrivalQueue(initial: readonly CaseArrival[]): ArrivalQueue {
  const heap: QueuedArrival[] = [];
  let added = 0;

  const comesBefore = (left: QueuedArrival, right: QueuedArrival): boolean =>
    left.arrival.atMs < right.arrival.atMs ||
    (left.arrival.atMs === right.arrival.atMs && left.order < right.order);

  const swap = (first: number, second: number): void => {
    const held = heap[first] as QueuedArrival;
    heap[first] = heap[second] as QueuedArrival;
    heap[second] = held;
  };

  const add = (arrival: CaseArrival): void => {
    heap.push({ arrival, order: added++ });
    let child = heap.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!comesBefore(heap[child] as QueuedArrival, heap[parent] as QueuedArrival)) break;
      swap(child, parent);
      child = parent;
    }
  };

  const takeNext = (): CaseArrival | undefined => {
    const first = heap[0];
    const last = heap.pop();
    if (first === undefined || last === undefined) return undefined;
    if (heap.length > 0) {
      heap[0] = last;
      let parent = 0;
      for (;;) {
        const left = 2 * parent + 1;
        const right = left + 1;
        let earliest = parent;
        const leftItem = heap[left];
        const rightItem = heap[right];
        if (leftItem !== undefined && comesBefore(leftItem, heap[earliest] as QueuedArrival)) {
          earliest = left;
        }
        if (rightItem !== undefined && comesBefore(rightItem, heap[earliest] as QueuedArrival)) {
          earliest = right;
        }
        if (earliest === parent) break;
        swap(parent, earliest);
        parent = earliest;
      }
    }
    return first.arrival;
  };

  for (const arrival of initial) add(arrival);
  return { add, takeNext };
}
