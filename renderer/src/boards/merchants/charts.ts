/**
 * The chart types this board draws besides bars. EChart registers bars only; registering here
 * keeps line and Sankey code in this board's chunk.
 */
import * as echarts from 'echarts/core';
import { LineChart, SankeyChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';

echarts.use([LineChart, SankeyChart, LegendComponent]);
