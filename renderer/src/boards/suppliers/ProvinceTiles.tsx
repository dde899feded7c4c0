/** Suppliers and open events by province as a tile grid (echarts scatter of squares, drawn on canvas: names stay text). */
import { useMemo } from 'react';
import { use as registerChartParts } from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProvinceRow } from '../../../../electron/core/api/suppliers';
import { EChart, type EChartOption } from '../../components/EChart';
import { PROVINCE_TILES, provinceLabel, tileOf } from './provinces';
import './messages';

registerChartParts([ScatterChart]);

interface Props {
  rows: ProvinceRow[];
  /** Outlined (chosen in the province picker beside the grid: the shared chart takes no clicks). */
  selected: readonly string[];
}

export function ProvinceTiles({ rows, selected }: Props) {
  const { t, i18n } = useTranslation('suppliers');
  const { token } = theme.useToken();
  const option = useMemo<EChartOption>(() => {
    const byName = new Map(rows.map((row) => [row.province, row]));
    const names = [...new Set([...Object.keys(PROVINCE_TILES), ...rows.map((r) => r.province)])];
    const most = Math.max(1, ...rows.map((r) => r.suppliers));
    let unknown = 0;
    const data = names.map((name) => {
      const row = byName.get(name) ?? { province: name, suppliers: 0, usableSuppliers: 0, openEvents: 0, maxOpenSeverity: 0 };
      const [x, y] = tileOf(name, PROVINCE_TILES[name] ? 0 : unknown++);
      const depth = row.suppliers === 0 ? 0 : 0.15 + 0.85 * Math.sqrt(row.suppliers / most);
      return {
        name,
        value: [x, y, row.suppliers],
        row,
        itemStyle: {
          color: row.suppliers === 0 ? token.colorFillSecondary : `rgba(22, 119, 255, ${depth.toFixed(2)})`,
          borderColor: row.openEvents > 0 ? token.colorError : selected.includes(name) ? token.colorText : 'transparent',
          borderWidth: row.openEvents > 0 || selected.includes(name) ? 3 : 0,
        },
        label: { color: depth > 0.55 ? '#fff' : token.colorText },
      };
    });
    return {
      grid: { left: 4, right: 4, top: 4, bottom: 4 },
      xAxis: { type: 'value', min: -0.5, max: 8.5, show: false },
      yAxis: { type: 'value', min: -0.5, max: Math.max(7, ...data.map((d) => d.value[1]!)) + 0.5, inverse: true, show: false },
      tooltip: {
        // Canvas tooltip: province names are data, never HTML.
        renderMode: 'richText',
        formatter: (params: { data: { row: ProvinceRow } }) =>
          t('risk.tileTooltip', {
            province: provinceLabel(params.data.row.province, i18n.language), suppliers: params.data.row.suppliers,
            usable: params.data.row.usableSuppliers, events: params.data.row.openEvents,
          }),
      },
      series: [
        {
          type: 'scatter',
          symbol: 'roundRect',
          symbolSize: 46,
          data,
          label: {
            show: true,
            formatter: (params: { data: { name: string; row: ProvinceRow } }) => `${provinceLabel(params.data.name, i18n.language)}\n${params.data.row.suppliers}`,
            // Pinyin names are longer than the two or three characters of the Chinese ones.
            fontSize: i18n.language === 'en' ? 9 : 11,
            lineHeight: 13,
            width: 44,
            overflow: 'truncate',
          },
          emphasis: { scale: 1.08 },
        },
      ],
    };
  }, [rows, selected, t, i18n.language, token]);
  return (
    <div data-testid="province-tiles">
      <EChart option={option} ariaLabel={t('risk.tiles')} height={420} />
    </div>
  );
}
