/**
 * How fast things move on each channel. Phone and chat are conversations (answered in minutes,
 * the customer is on the line); email, web forms, social posts and API tickets wait in a queue
 * for hours and their replies come back hours later.
 */
import type { Channel, Priority } from "../events/event.types.js";

export interface ChannelPace {
  synchronous: boolean;
  /** Median wait for an agent at normal load, before priority. */
  queueMinutes: number;
  /** Median time for the agent to answer a customer's follow-up. */
  followUpMinutes: number;
  /** Median time for the customer to answer the agent. */
  customerReplyMinutes: number;
  /** What customers here consider a prompt first answer; slower ones cost satisfaction. */
  expectedFirstResponseMinutes: number;
}

export const CHANNEL_PACE: Record<Channel, ChannelPace> = {
  phone: {
    synchronous: true,
    queueMinutes: 2,
    followUpMinutes: 20,
    customerReplyMinutes: 30,
    expectedFirstResponseMinutes: 3,
  },
  chat: {
    synchronous: true,
    queueMinutes: 2.5,
    followUpMinutes: 3,
    customerReplyMinutes: 8,
    expectedFirstResponseMinutes: 4,
  },
  social: {
    synchronous: false,
    queueMinutes: 40,
    followUpMinutes: 45,
    customerReplyMinutes: 90,
    expectedFirstResponseMinutes: 60,
  },
  web: {
    synchronous: false,
    queueMinutes: 100,
    followUpMinutes: 90,
    customerReplyMinutes: 240,
    expectedFirstResponseMinutes: 240,
  },
  email: {
    synchronous: false,
    queueMinutes: 120,
    followUpMinutes: 100,
    customerReplyMinutes: 240,
    expectedFirstResponseMinutes: 240,
  },
  api: {
    synchronous: false,
    queueMinutes: 90,
    followUpMinutes: 80,
    customerReplyMinutes: 180,
    expectedFirstResponseMinutes: 240,
  },
};

/** Queues are worked by priority, so urgent cases skip most of the wait. */
export const PRIORITY_WAIT_FACTOR: Record<Priority, number> = {
  urgent: 0.2,
  high: 0.5,
  normal: 1,
  low: 1.6,
};
