/**
 * A mention's text with the words that drove its score marked, all as React text (never markup),
 * and its link, opened only for http(s), only after the user confirmed, through the shell (whose
 * allow-list has the last word).
 */
import type { ReactNode } from 'react';
import { App, Button, Tooltip } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ScoredMention } from '../../../../electron/core/api';
import { isolatedText, visibleText } from '../../components/untrusted-text';

/** Splits `text` at every occurrence of a driver's words: [plain, marked, plain, …]. */
export function markDrivers(text: string, drivers: readonly { text: string; weight: number }[]): { text: string; weight: number | null }[] {
  const words = drivers.filter((d) => d.text.length > 1 && !d.text.startsWith('（')).sort((a, b) => b.text.length - a.text.length);
  const parts: { text: string; weight: number | null }[] = [];
  let plain = '';
  let k = 0;
  outer: while (k < text.length) {
    for (const word of words) {
      if (text.startsWith(word.text, k)) {
        if (plain) parts.push({ text: plain, weight: null });
        plain = '';
        parts.push({ text: word.text, weight: word.weight });
        k += word.text.length;
        continue outer;
      }
    }
    plain += text[k];
    k++;
  }
  if (plain) parts.push({ text: plain, weight: null });
  return parts;
}

export function MentionText({ mention }: { mention: Pick<ScoredMention, 'text' | 'drivers' | 'textTruncated'> }) {
  const { t } = useTranslation('opinion');
  // Line breaks stay line breaks; every other control character becomes a visible escape.
  const shown = mention.text.split(/\r?\n/).map(visibleText).join('\n');
  const parts = markDrivers(shown, mention.drivers);
  const nodes: ReactNode[] = parts.map((part, index) =>
    part.weight === null ? (
      part.text
    ) : (
      <mark key={index} className={part.weight < 0 ? 'opinion-driver-negative' : 'opinion-driver-positive'} title={String(part.weight)}>
        {part.text}
      </mark>
    ),
  );
  return (
    <bdi className="opinion-mention-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', wordBreak: 'break-word', display: 'block' }}>
      {nodes}
      {mention.textTruncated && <span style={{ opacity: 0.6 }}> {t('detail.truncated')}</span>}
    </bdi>
  );
}

/** http(s) only; anything else (javascript:, data:, file:) gets no link at all. */
export function safeHttpUrl(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

export function MentionLink({ url }: { url: string | null }) {
  const { t } = useTranslation('opinion');
  const { modal } = App.useApp();
  const safe = safeHttpUrl(url);
  if (!safe) return null;
  const confirm = () =>
    modal.confirm({
      title: t('detail.openLink'),
      content: t('detail.confirmLink', { url: isolatedText(safe) }),
      onOk: () => void window.open(safe, '_blank', 'noopener,noreferrer'),
    });
  return (
    <Tooltip title={visibleText(safe)}>
      <Button size="small" type="link" icon={<LinkOutlined />} onClick={confirm} aria-label={t('detail.openLink')} />
    </Tooltip>
  );
}
