import { AreaHome, AreaTabsLayout } from "../../components/area-tabs.tsx";
import { SETTINGS_TABS } from "../../components/nav-items.ts";

/** The Settings area: tabs for the settings screens the user's permissions open. */
export function SettingsLayout() {
  return <AreaTabsLayout label="Settings" tabs={SETTINGS_TABS} basePath="/settings" />;
}

/** /settings opens the first settings screen the user may see. */
export function SettingsHome() {
  return <AreaHome title="Settings" tabs={SETTINGS_TABS} anyOf={["settings:read", "token:own"]} />;
}
