import { Bar, BarChart, CartesianGrid, LabelList, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';

/**
 * Charts of key figures (recharts, loaded lazily with the pages that show them).
 *
 * Accessibility: each chart is one image (`role="img"`) named by its title and described by
 * `description`; the numbers are printed on the bars and points, so colour is never the only
 * cue, and every chart stands next to a table with the same figures (the text alternative,
 * WCAG 1.1.1). The series colours have at least 3:1 contrast against the white background
 * (WCAG 1.4.11) and lines differ in dash pattern as well. No animation (reduced motion, and
 * stable screenshots); no hover-only tooltips: everything is on the chart or in the table.
 */

export interface ChartSeries {
  key: string;
  name: string;
}

/** Dark blue, grey, dark orange, green, purple, brown: each ≥ 4.5:1 on white. */
export const SERIES_COLOURS = ['#143252', '#666666', '#a0430a', '#2e6b30', '#6b2c91', '#7a5a00'];
const DASHES = [undefined, '6 4', '2 3', '10 3 2 3', '1 2', '8 2'];

const AXIS_TEXT = { fill: '#1a1a1a', fontSize: 14 };

type Row = Record<string, string | number | null>;

interface BaseProps {
  /** The chart's accessible name (also its SVG title). */
  title: string;
  /** What the chart shows, in words; points to the table with the same figures. */
  description: string;
  series: readonly ChartSeries[];
  data: readonly Row[];
  format(value: number): string;
}

/**
 * The legend as HTML under the chart (recharts' own legend names its icons in English): a
 * swatch (bar colour, or line colour and dash pattern) and the series name.
 */
function ChartLegend({ series, kind }: { series: readonly ChartSeries[]; kind: 'bar' | 'line' }) {
  return (
    <ul className="app-chart-legend">
      {series.map((s, index) => (
        <li key={s.key}>
          <svg width="28" height="14" viewBox="0 0 28 14" aria-hidden="true" focusable="false">
            {kind === 'bar' ? (
              <rect x="2" y="1" width="24" height="12" fill={SERIES_COLOURS[index % SERIES_COLOURS.length]} />
            ) : (
              <line x1="1" y1="7" x2="27" y2="7" stroke={SERIES_COLOURS[index % SERIES_COLOURS.length]} strokeWidth="3" strokeDasharray={DASHES[index % DASHES.length]} />
            )}
          </svg>
          {s.name}
        </li>
      ))}
    </ul>
  );
}

function labelFormatter(format: (value: number) => string) {
  return (label: unknown) => (typeof label === 'number' && Number.isFinite(label) ? format(label) : '');
}

/**
 * Horizontal grouped bars: one group per category (`data[i].label`), one bar per series.
 * Used for an area against the city per indicator, and for several areas side by side.
 */
export function GroupedBarChart({ title, description, series, data, format, reference }: BaseProps & { reference?: { value: number; label: string } }) {
  const barSize = series.length > 1 ? 16 : 22;
  const height = Math.max(140, data.length * (series.length * (barSize + 4) + 22) + 70) + (reference ? 24 : 0);
  return (
    <div className="app-chart">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={[...data]}
          layout="vertical"
          accessibilityLayer={false}
          role="img"
          title={title}
          desc={description}
          margin={{ top: reference ? 32 : 8, right: 72, bottom: 8, left: 8 }}
          barGap={2}
        >
          <CartesianGrid horizontal={false} stroke="#d0d0d0" />
          <XAxis type="number" tick={AXIS_TEXT} tickFormatter={(value: number) => format(value)} stroke="#4d4d4d" domain={[0, 'auto']} />
          <YAxis type="category" dataKey="label" tick={AXIS_TEXT} width={210} stroke="#4d4d4d" interval={0} />
          {reference && (
            <ReferenceLine
              x={reference.value}
              stroke="#a0430a"
              strokeDasharray="6 4"
              strokeWidth={2}
              label={{ value: reference.label, position: 'top', fill: '#1a1a1a', fontSize: 14 }}
            />
          )}
          {series.map((s, index) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={SERIES_COLOURS[index % SERIES_COLOURS.length]} barSize={barSize} isAnimationActive={false}>
              <LabelList dataKey={s.key} position="right" formatter={labelFormatter(format)} fill="#1a1a1a" fontSize={13} />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
      {series.length > 1 && <ChartLegend series={series} kind="bar" />}
    </div>
  );
}

/** Values over the years (`data[i].year`), one line per series, each point labelled. */
export function TrendLineChart({ title, description, series, data, format }: BaseProps) {
  return (
    <div className="app-chart">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={[...data]} accessibilityLayer={false} role="img" title={title} desc={description} margin={{ top: 24, right: 40, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="#d0d0d0" />
          <XAxis dataKey="year" tick={AXIS_TEXT} stroke="#4d4d4d" padding={{ left: 24, right: 24 }} />
          <YAxis tick={AXIS_TEXT} tickFormatter={(value: number) => format(value)} width={80} stroke="#4d4d4d" />
          {series.map((s, index) => (
            <Line
              key={s.key}
              type="linear"
              dataKey={s.key}
              name={s.name}
              stroke={SERIES_COLOURS[index % SERIES_COLOURS.length]}
              strokeWidth={2}
              strokeDasharray={DASHES[index % DASHES.length]}
              dot={{ r: 4 }}
              connectNulls
              isAnimationActive={false}
            >
              <LabelList dataKey={s.key} position="top" formatter={labelFormatter(format)} fill="#1a1a1a" fontSize={13} />
            </Line>
          ))}
        </LineChart>
      </ResponsiveContainer>
      <ChartLegend series={series} kind="line" />
    </div>
  );
}
