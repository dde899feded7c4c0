import type { CSSProperties } from 'react';
import { visibleText } from './untrusted-text';

interface UntrustedTextProps {
  /** Text from the network: alert titles, merchant names, record fields, server messages. */
  text: string | null | undefined;
  /** One line cut with an ellipsis (grids, titles); the full text is in the tooltip. Default true. */
  ellipsis?: boolean;
  className?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

/**
 * Untrusted text, shown so that it cannot mislead: control characters and bidi overrides appear
 * as visible escapes (\x1B, \u202E), the text is isolated from its surroundings (<bdi>), and the
 * whole of it is in the tooltip. React renders it as text, never as HTML.
 */
export function UntrustedText({ text, ellipsis = true, className, style, 'data-testid': testId }: UntrustedTextProps) {
  const shown = visibleText(text ?? '');
  return (
    <bdi className={['untrusted-text', ellipsis ? 'untrusted-text-ellipsis' : '', className ?? ''].join(' ').trim()} title={shown} style={style} data-testid={testId}>
      {shown}
    </bdi>
  );
}
