/**
 * The conduct statistics charts with Apache ECharts (only the parts used, SVG renderer), loaded
 * with import() by #/conduct alone: records per platform stacked by kind, and records per month.
 */

import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ConductStats } from './api';
import { CONDUCT_KINDS, kindName, platformName, tc } from './messages';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

const KIND_COLOURS = ['#e8590c', '#f59f00', '#1c7ed6', '#7048e8', '#c92a2a', '#868e96'];
const AXIS = { color: '#4b5058' };
const SPLIT = { lineStyle: { color: '#ebe6df' } };

function mount(element: HTMLElement): echarts.ECharts {
  const chart = echarts.init(element, undefined, { renderer: 'svg' });
  if (typeof ResizeObserver === 'function') {
    const observer = new ResizeObserver(() => {
      if (!element.isConnected) {
        observer.disconnect();
        chart.dispose();
      } else chart.resize();
    });
    observer.observe(element);
  }
  return chart;
}

/** One bar per platform, stacked by kind. */
export function platformChart(element: HTMLElement, stats: ConductStats): void {
  const chart = mount(element);
  const platforms = stats.by_platform.map((p) => p.platform);
  chart.setOption({
    animation: false,
    color: KIND_COLOURS,
    legend: { top: 0, type: 'scroll', textStyle: AXIS },
    grid: { left: 44, right: 16, top: 40, bottom: 32 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: platforms.map(platformName), axisLabel: { ...AXIS, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS, splitLine: SPLIT },
    series: CONDUCT_KINDS.map((kind) => ({
      name: kindName(kind),
      type: 'bar',
      stack: 'kinds',
      barMaxWidth: 48,
      data: stats.by_platform.map((p) => p.by_kind.find((k) => k.kind === kind)?.count ?? 0),
    })),
  });
}

/** Records per month as a line. */
export function monthChart(element: HTMLElement, stats: ConductStats): void {
  const chart = mount(element);
  chart.setOption({
    animation: false,
    color: ['#e8590c'],
    grid: { left: 44, right: 16, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: stats.by_month.map((m) => m.month), axisLabel: AXIS },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS, splitLine: SPLIT },
    series: [{ name: tc('conduct.count'), type: 'line', smooth: false, symbolSize: 8, areaStyle: { opacity: 0.08 }, label: { show: true, color: '#4b5058' }, data: stats.by_month.map((m) => m.count) }],
  });
}
