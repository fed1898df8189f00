import Type, { type Static } from "typebox";
import { Instant, NullableInstant, toIso, toIsoOrNull } from "../../http/common.schemas.js";
import { CASE_LINK_KINDS } from "../events/event.types.js";
import { spellMinutes } from "../handoffs/team-spells.js";
import { CaseResponse, toCaseResponse } from "./case.schemas.js";
import type { CaseDetail } from "./case.service.js";

export const CaseLinkResponse = Type.Object({
  kind: Type.Enum([...CASE_LINK_KINDS, "merged_into"]),
  caseId: Type.String({ description: "The other case" }),
  direction: Type.Enum(["outgoing", "incoming"], {
    description:
      "outgoing: this case is `kind` of the other; incoming: the other is `kind` of this",
  }),
  source: Type.Enum(["auto", "manual"], {
    description: "auto: recontact detection; manual: linked or merged by someone",
  }),
});

export const TeamTimeResponse = Type.Object({
  team: Type.String(),
  startedAt: Instant,
  endedAt: NullableInstant,
  minutes: Type.Number({ description: "Until endedAt, or until now while the spell runs" }),
});

/** A case on its own page: the list's fields plus what is derived from its history. */
export const CaseDetailResponse = Type.Object({
  ...CaseResponse.properties,
  links: Type.Array(CaseLinkResponse),
  teamTimes: Type.Array(TeamTimeResponse, {
    description: "Each spell with a team, oldest first: from the opening and every handoff",
  }),
  mergedInto: Type.Union([Type.String(), Type.Null()], {
    description: "The case this one was merged into (and closed by)",
  }),
});
export type CaseDetailResponse = Static<typeof CaseDetailResponse>;

export function toCaseDetailResponse(detail: CaseDetail, now: number): CaseDetailResponse {
  return {
    ...toCaseResponse(detail.case, detail.sla),
    links: detail.links,
    teamTimes: detail.teamSpells.map((spell) => ({
      team: spell.team,
      startedAt: toIso(spell.startedAt),
      endedAt: toIsoOrNull(spell.endedAt),
      minutes: spellMinutes(spell, now),
    })),
    mergedInto: detail.mergedInto,
  };
}
