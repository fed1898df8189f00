import { useId } from "react";
import type { Team } from "../api/types.ts";
import { formatCommaList, parseCommaList } from "../lib/comma-list.ts";

/**
 * Picks team ids: a checkbox per known team (plus any picked id the directory does not know), or
 * a comma-separated text field when no teams could be loaded. Nothing picked means "all teams".
 */
export function TeamPicker({
  label,
  teams,
  value,
  onChange,
}: {
  label: string;
  teams: readonly Team[];
  value: readonly string[];
  onChange: (teams: string[]) => void;
}) {
  const id = useId();
  if (teams.length === 0) {
    return (
      <div className="form-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="text"
          value={formatCommaList(value)}
          placeholder="All teams (or ids: billing, frontline)"
          onChange={(event) => onChange(parseCommaList(event.target.value))}
        />
      </div>
    );
  }
  const known = new Set(teams.map((team) => team.id));
  const options = [
    ...teams.map((team) => ({ id: team.id, name: team.name })),
    ...value.filter((teamId) => !known.has(teamId)).map((teamId) => ({ id: teamId, name: teamId })),
  ];
  const toggle = (teamId: string, checked: boolean) => {
    onChange(checked ? [...value, teamId] : value.filter((picked) => picked !== teamId));
  };
  return (
    <fieldset className="form-field team-picker">
      <legend>{label}</legend>
      <div className="check-chips">
        {options.map((option) => (
          <label key={option.id} className="check-chip">
            <input
              type="checkbox"
              value={option.id}
              checked={value.includes(option.id)}
              onChange={(event) => toggle(option.id, event.target.checked)}
            />
            {option.name}
          </label>
        ))}
      </div>
      <span className="field-hint">None picked: all teams.</span>
    </fieldset>
  );
}
