/**
 * The coverage view's 24-hour chart with Apache ECharts (only the parts it uses, SVG renderer),
 * loaded with import() by that view alone.
 */

import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { HourShare } from './model';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export interface HourChart {
  update(byHour: readonly HourShare[], selected: number): void;
  dispose(): void;
}

/** Bars of the share per hour (the chosen hour in the accent colour), open stations as a line. */
export function hourChart(element: HTMLElement, words: { share: string; stations: string; tooltip: (h: HourShare) => string }, onPick: (hour: number) => void): HourChart {
  const chart = echarts.init(element, undefined, { renderer: 'svg' });
  chart.on('click', (params) => {
    if (typeof params.dataIndex === 'number') onPick(params.dataIndex);
  });
  const resize = (): void => chart.resize();
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(resize) : null;
  observer?.observe(element);
  let last: readonly HourShare[] = [];
  return {
    update(byHour, selected) {
      last = byHour;
      const low = 0.6;
      chart.setOption(
        {
          animation: false,
          grid: { left: 40, right: 36, top: 16, bottom: 28 },
          tooltip: {
            trigger: 'axis',
            axisPointer: { type: 'shadow' },
            formatter: (items: unknown) => {
              const first = (Array.isArray(items) ? items[0] : items) as { dataIndex?: number } | undefined;
              const hour = last[first?.dataIndex ?? -1];
              return hour ? words.tooltip(hour) : '';
            },
          },
          xAxis: {
            type: 'category',
            data: byHour.map((h) => String(h.hour)),
            axisTick: { alignWithLabel: true },
            axisLabel: { interval: 2, color: '#4b5058' },
          },
          yAxis: [
            { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { formatter: '{value}%', color: '#4b5058' }, splitLine: { lineStyle: { color: '#ebe6df' } } },
            { type: 'value', min: 0, minInterval: 1, axisLabel: { color: '#7a7f87' }, splitLine: { show: false } },
          ],
          series: [
            {
              name: words.share,
              type: 'bar',
              barWidth: '62%',
              data: byHour.map((h) => ({
                value: Math.round(h.share * 1000) / 10,
                itemStyle: { color: h.hour === selected ? '#e8590c' : h.share < low ? '#f4a3a3' : '#8ce99a', borderRadius: [3, 3, 0, 0] },
              })),
            },
            {
              name: words.stations,
              type: 'line',
              yAxisIndex: 1,
              symbol: 'circle',
              symbolSize: 4,
              lineStyle: { color: '#495057', width: 1.5 },
              itemStyle: { color: '#495057' },
              data: byHour.map((h) => h.open_stations ?? null),
            },
          ],
        },
        { notMerge: true },
      );
    },
    dispose() {
      observer?.disconnect();
      chart.dispose();
    },
  };
}
