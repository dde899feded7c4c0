/** The review pack's charts need legends besides the bars EChart registers; kept in this board's chunk. */
import * as echarts from 'echarts/core';
import { LegendComponent } from 'echarts/components';

echarts.use([LegendComponent]);
