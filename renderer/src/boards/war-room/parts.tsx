/** The war room's building blocks: numbers that move only when they change, sparklines, the data's age. */
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatKpiChange, formatKpiValue, type KpiMetric, type NorthStarFigure } from '../../../../electron/core/api/overview';
import { useNow } from '../../components/use-now';
import { ageSeconds, sparklineGeometry, targetProgress, trend } from './layout';

const ANIMATION_MS = 900;

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * A number that counts from its old value to a new one, and sits still otherwise. The text is
 * written straight into the node, frame by frame, so that the board does not re-render 60 times
 * a second; a layout effect writes the first text before the browser paints.
 */
export function AnimatedNumber({ value, format, className }: { value: number | null; format: (value: number | null) => string; className?: string }) {
  const node = useRef<HTMLSpanElement>(null);
  const shown = useRef<number | null>(null);
  useLayoutEffect(() => {
    const element = node.current;
    if (!element) return;
    const from = shown.current;
    if (value === null || from === null || from === value || prefersReducedMotion()) {
      shown.current = value;
      element.textContent = format(value);
      return;
    }
    const started = performance.now();
    let frame = 0;
    const step = (now: number) => {
      const t = Math.min(1, (now - started) / ANIMATION_MS);
      const current = from + (value - from) * (1 - (1 - t) ** 3);
      shown.current = t === 1 ? value : current;
      element.textContent = format(shown.current);
      if (t < 1) frame = requestAnimationFrame(step);
    };
    element.textContent = format(from);
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [value, format]);
  return <span ref={node} className={className} data-value={value ?? ''} />;
}

/** "Data as of 10:00 · updated 3 s ago", and a stale badge once the last answer is older than the limit. */
export function DataAge({ asOf, receivedAt, staleSeconds, offline }: { asOf: string | null; receivedAt: number; staleSeconds: number; offline: boolean }) {
  const { t } = useTranslation('warRoom');
  const now = useNow();
  const age = ageSeconds(receivedAt, now);
  const stale = age === null || age > staleSeconds;
  return (
    <div className="wr-age" data-testid="war-room-age" data-age={age ?? ''}>
      {asOf && <span>{t('asOf', { time: asOf.slice(11, 16) })}</span>}
      <span>{age === null ? t('waiting') : age < 120 ? t('age', { seconds: age }) : t('ageMinutes', { minutes: Math.floor(age / 60) })}</span>
      {stale && age !== null && (
        <span className="wr-badge wr-badge-stale" data-testid="war-room-stale">
          {t('stale')}
        </span>
      )}
      {offline && <span className="wr-badge wr-badge-offline">{t('offline')}</span>}
    </div>
  );
}

export function Sparkline({ metric, values, target, width, height }: { metric: KpiMetric; values: readonly (number | null)[]; target: number | null; width: number; height: number }) {
  const { points, targetY } = sparklineGeometry(metric, values, target, width, height);
  return (
    <svg className="wr-spark" width={width} height={height} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
      {targetY !== null && <line x1={0} x2={width} y1={targetY} y2={targetY} className="wr-spark-target" />}
      {points && <polyline points={points} className="wr-spark-line" />}
    </svg>
  );
}

/** The formatter of one figure in the current language, stable across renders so numbers animate only on change. */
export function useFigureFormat(metric: KpiMetric): (value: number | null) => string {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return useMemo(() => (value: number | null) => formatKpiValue(metric, value, language), [metric, language]);
}

export function ChangeLine({ figure, compact = false }: { figure: NorthStarFigure; compact?: boolean }) {
  const { t, i18n } = useTranslation('warRoom');
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const direction = trend(figure.metric, figure.delta);
  const arrow = figure.delta === null || figure.delta === 0 ? '' : figure.delta > 0 ? '▲ ' : '▼ ';
  // In the table a dash per cell says it; a sentence in every cell would drown the figures.
  if (figure.delta === null) return <span className="wr-change wr-flat">{compact ? '—' : t('noComparison')}</span>;
  return (
    <span className={`wr-change wr-${direction}`}>
      {arrow}
      {formatKpiChange(figure.metric, figure, language)}
      {!compact && <span className="wr-muted">{` ${t('vsYesterday')}`}</span>}
    </span>
  );
}

export function FigureTile({ figure, wide = false }: { figure: NorthStarFigure; wide?: boolean }) {
  const { t, i18n } = useTranslation('warRoom');
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const format = useFigureFormat(figure.metric);
  const progress = targetProgress(figure.metric, figure.today, figure.target);
  return (
    <section className={`wr-tile${wide ? ' wr-tile-wide' : ''}`} data-testid={`war-room-figure-${figure.metric}`}>
      <h3 className="wr-tile-label">{t(`metrics.${figure.metric}`)}</h3>
      <AnimatedNumber className="wr-number" value={figure.today} format={format} />
      <ChangeLine figure={figure} />
      <div className="wr-tile-foot">
        {figure.yesterday !== null && <span className="wr-muted">{t('yesterday', { value: formatKpiValue(figure.metric, figure.yesterday, language) })}</span>}
        {figure.target !== null && (
          <span className="wr-muted">
            {t('target', { value: formatKpiValue(figure.metric, figure.target, language) })}
            {progress !== null && ` · ${t('progress', { percent: Math.round(progress * 100) })}`}
          </span>
        )}
      </div>
      {progress !== null && (
        <div className="wr-progress" aria-hidden="true">
          <div style={{ width: `${Math.min(100, progress * 100)}%` }} />
        </div>
      )}
      <Sparkline metric={figure.metric} values={figure.sparkline} target={figure.target} width={wide ? 820 : 380} height={wide ? 110 : 72} />
    </section>
  );
}
