import { useOutletContext } from "react-router-dom";
import { getRoutingRules, type RoutingRuleSet, saveRoutingRules } from "../../api/routing.ts";
import { AreaHome, AreaTabsLayout } from "../../components/area-tabs.tsx";
import { ROUTING_TABS } from "../../components/nav-items.ts";
import {
  type SettingsEditor,
  type SettingsSource,
  useSettingsEditor,
} from "../../hooks/use-settings-editor.ts";
import { draftToRuleSet, type RuleSetDraft, ruleSetToDraft } from "../../lib/routing-form.ts";

const SOURCE: SettingsSource<RoutingRuleSet, RuleSetDraft> = {
  load: getRoutingRules,
  save: saveRoutingRules,
  toForm: ruleSetToDraft,
  toDocument: draftToRuleSet,
  fieldPrefix: "body.document",
};

export type RoutingRulesEditor = SettingsEditor<RoutingRuleSet, RuleSetDraft>;

/**
 * The Routing area. The rule editor's draft lives here rather than in the Rules tab, so that it
 * survives a visit to another tab and the Replay tab can replay it before it is saved.
 */
export function RoutingLayout() {
  const editor = useSettingsEditor(SOURCE);
  return (
    <AreaTabsLayout label="Routing" tabs={ROUTING_TABS} basePath="/routing" context={editor} />
  );
}

/** The routing rules being edited, for the tabs of the Routing area. */
export function useRoutingRulesEditor(): RoutingRulesEditor {
  return useOutletContext<RoutingRulesEditor>();
}

/** /routing opens the first routing tab the user may see. */
export function RoutingHome() {
  return <AreaHome title="Routing" tabs={ROUTING_TABS} anyOf={["settings:read", "metrics:read"]} />;
}
