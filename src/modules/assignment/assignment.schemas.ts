import Type, { type Static } from "typebox";
import { ResourceId } from "../../http/common.schemas.js";
import { CaseResponse, toCaseResponse } from "../cases/case.schemas.js";
import { ASSIGNMENT_MODES } from "../events/event.types.js";
import type { Assignment, PulledCase } from "./assignment.service.js";

/** A POST body that may be left out: Fastify hands the validator `null` for a POST without one. */
export const AssignCaseBody = Type.Union(
  [
    Type.Object(
      {
        agent: Type.Optional(
          Type.Union([ResourceId], {
            description:
              "The agent of the case's team to give it to; left out: the best agent now (push)",
          }),
        ),
      },
      { additionalProperties: false },
    ),
    Type.Null(),
  ],
  { description: "May be left out" },
);
export type AssignCaseBody = Static<typeof AssignCaseBody>;

export const NextCaseBody = Type.Union(
  [Type.Object({}, { additionalProperties: false }), Type.Null()],
  { description: "May be left out" },
);

export const AssignmentResponse = Type.Object({
  case: CaseResponse,
  agent: Type.String(),
  mode: Type.Enum([...ASSIGNMENT_MODES]),
  reason: Type.String({ description: "Why this agent" }),
});

export const NextCaseResponse = Type.Object({
  case: Type.Union([CaseResponse, Type.Null()], {
    description: "The case the agent took; null when nothing they could take waits",
  }),
  agent: Type.String(),
  score: Type.Union([Type.Number(), Type.Null()]),
  position: Type.Union([Type.Integer(), Type.Null()], {
    description: "Its place in the queue when it was taken",
  }),
});

export function toAssignmentResponse(assignment: Assignment): Static<typeof AssignmentResponse> {
  return {
    case: toCaseResponse(assignment.case),
    agent: assignment.agentId,
    mode: assignment.mode,
    reason: assignment.reason,
  };
}

export function toNextCaseResponse(pulled: PulledCase): Static<typeof NextCaseResponse> {
  return {
    case: pulled.case === null ? null : toCaseResponse(pulled.case),
    agent: pulled.agentId,
    score: pulled.score,
    position: pulled.position,
  };
}
