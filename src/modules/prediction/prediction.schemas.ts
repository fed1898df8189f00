import Type from "typebox";
import { toIso } from "../../http/common.schemas.js";
import type { FirstResponsePrediction } from "./breach-prediction.js";
import type { CasePrediction, TeamPredictions } from "./prediction.service.js";

const NullableInstant = Type.Union([Type.String({ format: "date-time" }), Type.Null()]);

const Handling = Type.Object({
  ahtMinutes: Type.Number({ description: "Mean worked minutes per case, last 7 days" }),
  sampleCases: Type.Integer({ description: "Cases it was measured on; 0: the default" }),
});

export const PredictionResponse = Type.Object({
  caseId: Type.String(),
  position: Type.Integer({ description: "1 for the case to be taken next, as in the queue" }),
  ahead: Type.Integer({ description: "Cases before it that its skilled agents could also take" }),
  eligibleAgents: Type.Integer(),
  eligibleOnShift: Type.Integer(),
  freeSlots: Type.Integer(),
  ahtMinutes: Type.Number(),
  predictedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()], {
    description: "The predicted first response; null when no agent of the team can take it",
  }),
  dueAt: NullableInstant,
  breach: Type.Boolean({ description: "Predicted after its first-response due time" }),
  reason: Type.String(),
});

export const CasePredictionResponse = Type.Object({
  caseId: Type.String(),
  team: Type.String(),
  prediction: Type.Union([
    Type.Intersect([
      PredictionResponse,
      Type.Object({ policy: Type.Union([Type.String(), Type.Null()]) }),
    ]),
    Type.Null(),
  ]),
  handling: Handling,
  flaggedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()], {
    description: "When sla.breach_predicted was recorded for the running clock",
  }),
  note: Type.Union([Type.String(), Type.Null()]),
});

export const TeamPredictionsResponse = Type.Object({
  team: Type.String(),
  handling: Handling,
  items: Type.Array(PredictionResponse),
});

export const TeamPredictionsParams = Type.Object({
  team: Type.String({ minLength: 1, maxLength: 200 }),
});

export function toPredictionResponse(prediction: FirstResponsePrediction) {
  return {
    ...prediction,
    predictedAt: prediction.predictedAt === null ? null : toIso(prediction.predictedAt),
    dueAt: prediction.dueAt === null ? null : toIso(prediction.dueAt),
  };
}

export function toCasePredictionResponse(found: CasePrediction) {
  return {
    ...found,
    prediction: found.prediction && {
      ...toPredictionResponse(found.prediction),
      policy: found.prediction.policy,
    },
    flaggedAt: found.flaggedAt === null ? null : toIso(found.flaggedAt),
  };
}

export function toTeamPredictionsResponse(found: TeamPredictions) {
  return {
    team: found.team,
    handling: found.handling,
    items: found.predictions.map(toPredictionResponse),
  };
}
