import type { AgentPresence, AgentShift, Channel } from "../events/event.types.js";

export interface Agent {
  id: string;
  teamId: string;
  name: string;
  skills: string[];
  /** Skill → level 1–5 (src/modules/assignment reads a listed skill without a level as 3). */
  skillLevels: Record<string, number>;
  /** Cases of each channel the agent works at once; a channel not listed takes the default. */
  capacity: Partial<Record<Channel, number>>;
  /** Working hours; null: the agent takes cases whenever they are available. */
  shift: AgentShift | null;
  presence: AgentPresence;
  /** When the presence was last set (epoch ms). */
  presenceAt: number;
  createdAt: number;
  updatedAt: number;
}
