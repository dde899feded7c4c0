import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import {
  AlertOutlined,
  DashboardOutlined,
  ClusterOutlined,
  FundProjectionScreenOutlined,
  ShopOutlined,
  AimOutlined,
  ReconciliationOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import type { Messages } from '../i18n/zh-CN';

/** The sync screen: in the navigation, and where a click on the status bar leads. */
export const SYNC_PATH = '/sync';
/** Public opinion: its navigation entry carries the attention badge; a P1 notification leads there. */
export const OPINION_PATH = '/opinion';

export interface Destination {
  path: string;
  labelKey: `nav.${keyof Messages['nav']}`;
  icon: ComponentType;
  /** Each board is its own chunk: the grid and chart libraries load with the first board using them. */
  board: LazyExoticComponent<ComponentType>;
}

export const destinations: Destination[] = [
  { path: '/', labelKey: 'nav.overview', icon: DashboardOutlined, board: lazy(() => import('../boards/overview/OverviewBoard')) },
  { path: '/okr', labelKey: 'nav.okr', icon: AimOutlined, board: lazy(() => import('../boards/okr/OkrBoard')) },
  { path: '/merchants', labelKey: 'nav.merchants', icon: ShopOutlined, board: lazy(() => import('../boards/merchants/MerchantsBoard')) },
  { path: OPINION_PATH, labelKey: 'nav.opinion', icon: AlertOutlined, board: lazy(() => import('../boards/opinion/OpinionBoard')) },
  { path: '/suppliers', labelKey: 'nav.suppliers', icon: ClusterOutlined, board: lazy(() => import('../boards/suppliers/SuppliersBoard')) },
  { path: '/review', labelKey: 'nav.review', icon: ReconciliationOutlined, board: lazy(() => import('../boards/review/ReviewBoard')) },
  { path: '/war-room', labelKey: 'nav.warRoom', icon: FundProjectionScreenOutlined, board: lazy(() => import('../boards/war-room/WarRoomBoard')) },
  { path: SYNC_PATH, labelKey: 'nav.sync', icon: SyncOutlined, board: lazy(() => import('../boards/sync/SyncBoard')) },
];
