import { lazy } from 'react';

// recharts is large: its chunk is downloaded only by pages that draw a chart (wrap them in LazyPart).
export const GroupedBarChart = lazy(() => import('./Charts').then((m) => ({ default: m.GroupedBarChart })));
export const TrendLineChart = lazy(() => import('./Charts').then((m) => ({ default: m.TrendLineChart })));
