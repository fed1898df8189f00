import { settingsRoutes } from "../settings/settings.routes.js";
import { TAXONOMY_SETTINGS } from "./taxonomy.js";
import { TaxonomyDocument } from "./taxonomy.schemas.js";

/** GET/PUT /taxonomy (+ /versions): the case categories and root-cause codes. */
export const taxonomyRoutes = settingsRoutes({
  path: "/taxonomy",
  tag: "taxonomy",
  title: "category taxonomy and root-cause codes",
  definition: TAXONOMY_SETTINGS,
  schema: TaxonomyDocument,
});
