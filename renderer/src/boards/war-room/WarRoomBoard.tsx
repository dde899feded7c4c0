/**
 * The war room (作战室): a full-screen dark board for the big screens of a promotion. Laid out on
 * a fixed 1920×1080 canvas scaled to the window; a playlist of panels rotates at a set interval
 * (`#/war-room?interval=20&stale=60`), Space pauses, ←/→ switch, Esc leaves. The figures refresh
 * live and keep the last answer on screen while refetching or cut off; every panel says how old
 * its data is and shows a stale badge past the limit.
 */
import { useEffect, useLayoutEffect, useReducer, useState, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NorthStar, NorthStarScope } from '../../../../electron/core/api/overview';
import { useNorthStar, usePlatformStatus } from './api';
import { CANVAS_HEIGHT, CANVAS_WIDTH, fitCanvas, panelKey, playlistOf, playlistReducer, warRoomConfig, type Panel } from './layout';
import { ChangeLine, DataAge, FigureTile, AnimatedNumber, useFigureFormat } from './parts';
import './messages';
import './war-room.css';

export default function WarRoomBoard() {
  const { t } = useTranslation('warRoom');
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const { intervalSeconds, staleSeconds } = warRoomConfig(search);
  const northStar = useNorthStar();
  const status = usePlatformStatus();
  const panels = playlistOf(northStar.data);
  const [playlist, dispatch] = useReducer(playlistReducer, { index: 0, paused: false });
  const index = playlist.index % panels.length;
  const panel = panels[index] ?? { kind: 'platform' };

  useEffect(() => {
    if (playlist.paused) return;
    const timer = setTimeout(() => dispatch({ type: 'next', length: panels.length }), intervalSeconds * 1000);
    return () => clearTimeout(timer);
  }, [playlist.paused, index, panels.length, intervalSeconds]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === ' ') dispatch({ type: 'toggle' });
      else if (event.key === 'ArrowRight') dispatch({ type: 'next', length: panels.length });
      else if (event.key === 'ArrowLeft') dispatch({ type: 'previous', length: panels.length });
      else if (event.key === 'Escape') void navigate('/');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panels.length, navigate]);

  return (
    <ScaledCanvas>
      <div className="wr-frame" data-testid="war-room" data-panel={panelKey(panel)} data-paused={playlist.paused}>
        <header className="wr-header">
          <div>
            <h1 className="wr-title">{t('title')}</h1>
            <div className="wr-subtitle">{t('subtitle')}</div>
          </div>
          <div className="wr-header-right">
            <div className="wr-panel-name" data-testid="war-room-panel-name">{panelTitle(panel, t)}</div>
            <div className="wr-muted">
              {t('position', { current: index + 1, total: panels.length })}
              {' · '}
              {playlist.paused ? <span className="wr-badge wr-badge-paused">{t('paused')}</span> : t('playing', { seconds: intervalSeconds })}
            </div>
          </div>
        </header>
        <main className="wr-body">
          <div className="wr-panel-head">
            <DataAge asOf={northStar.data?.asOf ?? null} receivedAt={northStar.dataUpdatedAt} staleSeconds={staleSeconds} offline={status.data?.online === false} />
          </div>
          <PanelView panel={panel} northStar={northStar.data} />
        </main>
        <footer className="wr-footer">
          <div className="wr-muted">{t('keys')}</div>
          <button type="button" className="wr-exit" onClick={() => void navigate('/')}>
            {t('exit')}
          </button>
          <div className="wr-rotation" aria-hidden="true">
            <div key={`${index}-${intervalSeconds}`} style={{ animationDuration: `${intervalSeconds}s`, animationPlayState: playlist.paused ? 'paused' : 'running' }} />
          </div>
        </footer>
      </div>
    </ScaledCanvas>
  );
}

function panelTitle(panel: Panel, t: (key: 'platform' | 'categories') => string): string {
  if (panel.kind === 'scope') return panel.name;
  return t(panel.kind);
}

function PanelView({ panel, northStar }: { panel: Panel; northStar: NorthStar | undefined }) {
  const { t } = useTranslation('warRoom');
  if (!northStar || northStar.scopes.length === 0) return <div className="wr-empty">{northStar ? t('noData') : t('waiting')}</div>;
  if (panel.kind === 'categories') return <CategoryTable scopes={northStar.scopes.filter((s) => s.scope !== 'platform')} />;
  const scope = northStar.scopes.find((s) => s.scope === (panel.kind === 'scope' ? panel.scope : 'platform')) ?? northStar.scopes[0];
  return scope ? <FigureGrid scope={scope} /> : null;
}

function FigureGrid({ scope }: { scope: NorthStarScope }) {
  const [gmv, ...rest] = scope.figures;
  return (
    <div className="wr-grid">
      {gmv && <FigureTile figure={gmv} wide />}
      {rest.map((figure) => (
        <FigureTile key={figure.metric} figure={figure} />
      ))}
    </div>
  );
}

const TABLE_METRICS = ['gmv_fen', 'orders', 'conversion_rate', 'payment_success_rate', 'refund_rate'] as const;

function CategoryTable({ scopes }: { scopes: NorthStarScope[] }) {
  const { t } = useTranslation('warRoom');
  return (
    <table className="wr-table">
      <thead>
        <tr>
          <th>{t('category')}</th>
          {TABLE_METRICS.map((metric) => (
            <th key={metric}>{t(`metrics.${metric}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {scopes.slice(0, 8).map((scope) => (
          <tr key={scope.scope}>
            <td className="wr-table-name">{scope.name ?? scope.scope}</td>
            {TABLE_METRICS.map((metric) => {
              const figure = scope.figures.find((f) => f.metric === metric);
              return <td key={metric}>{figure && <TableCell figure={figure} />}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TableCell({ figure }: { figure: NorthStarScope['figures'][number] }) {
  const format = useFigureFormat(figure.metric);
  return (
    <>
      <AnimatedNumber className="wr-cell-number" value={figure.today} format={format} />
      <ChangeLine figure={figure} compact />
    </>
  );
}

/** The fixed canvas, scaled as one picture to the window and centred: no scrollbars at any size. */
function ScaledCanvas({ children }: { children: ReactNode }) {
  const [fit, setFit] = useState(() => fitCanvas(window.innerWidth, window.innerHeight));
  useLayoutEffect(() => {
    const onResize = () => setFit(fitCanvas(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return (
    <div className="wr-screen">
      <div
        className="wr-canvas"
        style={{ width: CANVAS_WIDTH, height: CANVAS_HEIGHT, transform: `translate(${fit.left}px, ${fit.top}px) scale(${fit.scale})` }}
      >
        {children}
      </div>
    </div>
  );
}
