import Type, { type Static } from "typebox";
import { CHANNELS, PRIORITIES } from "../events/event.types.js";
import {
  MAX_AGE_HORIZON_MINUTES,
  MAX_CAPACITY,
  MAX_SLA_RISK_CAP,
  QUEUE_MODES,
  SCORE_TERMS,
} from "./queue-settings.js";

const Share = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });
const Key = Type.String({ minLength: 1, maxLength: 100 });

/** The `queue-settings` document (docs/queues.md explains every field). */
export const QueueSettingsDocument = Type.Object(
  {
    weights: Type.Object(
      Object.fromEntries(
        SCORE_TERMS.map((term) => [term, Type.Number({ minimum: 0, maximum: 1_000 })]),
      ),
      {
        additionalProperties: false,
        description: "How much each term of the priority score counts (not all 0)",
      },
    ),
    tierValues: Type.Record(Key, Share("The value of customers of this tier"), {
      maxProperties: 100,
    }),
    defaultTierValue: Share("The value of a tier not listed"),
    priorityValues: Type.Object(
      Object.fromEntries(PRIORITIES.map((priority) => [priority, Share(`${priority} cases`)])),
      { additionalProperties: false },
    ),
    ageHorizonMinutes: Type.Number({
      exclusiveMinimum: 0,
      maximum: MAX_AGE_HORIZON_MINUTES,
      description: "The age at which the age term is full",
    }),
    slaRiskCap: Type.Number({
      minimum: 1,
      maximum: MAX_SLA_RISK_CAP,
      description: "The share of an SLA target used at which the SLA risk term is full",
    }),
    defaultCapacity: Type.Object(
      Object.fromEntries(
        CHANNELS.map((channel) => [channel, Type.Integer({ minimum: 0, maximum: MAX_CAPACITY })]),
      ),
      {
        additionalProperties: false,
        description: "Cases of each channel an agent works at once, unless their own capacity says",
      },
    ),
    assignment: Type.Object(
      {
        mode: Type.Enum([...QUEUE_MODES], {
          description: "push: the assignment job hands out waiting cases; pull: agents take them",
        }),
        perTeam: Type.Optional(
          Type.Record(Key, Type.Enum([...QUEUE_MODES]), {
            maxProperties: 500,
            description: "Teams that work the other way",
          }),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type QueueSettingsDocument = Static<typeof QueueSettingsDocument>;
