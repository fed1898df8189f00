/**
 * ECharts with only what the dashboards draw (line, bar and Sankey charts; grid, tooltip, legend
 * and aria components; the SVG renderer), registered once. Importing `echarts` whole would add
 * every chart type and both renderers to the bundle.
 */
import { BarChart, LineChart, SankeyChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

use([
  LineChart,
  BarChart,
  SankeyChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  SVGRenderer,
]);

export { init };
