/**
 * A horizontal bar chart as plain numbers for the `bar-chart` partial: the server writes the SVG,
 * and every chart is followed on the page by the same figures as a table.
 */
export interface BarChart {
  id: string;
  title: string;
  height: number;
  bars: { label: string; value: number; y: number; textY: number; width: number; valueX: number }[];
}

const LABEL_WIDTH = 330;
const PLOT_WIDTH = 320;
const ROW_HEIGHT = 28;

export function barChart(id: string, title: string, rows: { label: string; value: number }[]): BarChart {
  const max = Math.max(1, ...rows.map((row) => row.value));
  return {
    id,
    title,
    height: rows.length * ROW_HEIGHT + 8,
    bars: rows.map((row, index) => {
      const width = Math.round((row.value / max) * PLOT_WIDTH);
      return {
        label: row.label,
        value: row.value,
        y: index * ROW_HEIGHT + 6,
        textY: index * ROW_HEIGHT + 20,
        width,
        valueX: LABEL_WIDTH + width + 6,
      };
    }),
  };
}
