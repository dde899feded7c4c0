/** Small shared pieces of the OKR board: pace tags, number and share text. */
import { Progress, Tag, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KrPaceName, TeamPaceName } from '../../../../electron/core/api/okr';
import { numberText } from '../../components/number-format';
import './messages';

export const PACE_COLORS: Record<TeamPaceName, string> = {
  on_track: 'success',
  at_risk: 'warning',
  off_track: 'error',
  no_key_results: 'default',
  not_started: 'processing',
  closed: 'default',
};

export function PaceTag({ pace }: { pace: TeamPaceName | KrPaceName }) {
  const { t } = useTranslation('okr');
  return (
    <Tag color={PACE_COLORS[pace]} data-pace={pace}>
      {t(`pace.${pace}`)}
    </Tag>
  );
}

export function useShare() {
  const { i18n } = useTranslation();
  return (value: number | null | undefined) => (value === null || value === undefined ? '—' : numberText(value, i18n.language, { unit: 'percent' }));
}

export function useNumber() {
  const { i18n } = useTranslation();
  return (value: number | null | undefined) => (value === null || value === undefined ? '—' : numberText(value, i18n.language));
}

/** A KR's progress bar, coloured by its pace; the percentage is always written beside it. */
export function PaceProgress({ progress, pace, testId }: { progress: number; pace: KrPaceName; testId?: string }) {
  const { token } = theme.useToken();
  const color = pace === 'off_track' ? token.colorError : pace === 'at_risk' ? token.colorWarning : token.colorSuccess;
  return <Progress percent={Math.round(progress * 100)} size="small" strokeColor={color} status="normal" format={(p) => `${p ?? 0}%`} data-testid={testId} />;
}
