/**
 * Rules about the platform URL a user types. `platform.configure` sends the token to that URL at
 * once (to verify it): over plain http to anything but this machine, the token travels in clear,
 * so the user must say yes first (the renderer sends `allowInsecure: true` after asking).
 */
import { ApiError } from '../api';

/** 127.0.0.0/8, ::1 and `localhost` (with or without the root dot): never leaves the machine. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** True for `http://` to a host other than loopback. A URL that does not parse is not this rule's business. */
export function requiresInsecureConfirmation(rawUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

/** The error `platform.configure` answers when the user has not confirmed; null when it may go ahead. */
export function insecurePlatformError(rawUrl: string, allowInsecure: boolean | undefined): ApiError | null {
  if (allowInsecure === true || !requiresInsecureConfirmation(rawUrl)) return null;
  return new ApiError('invalid_input', `The platform at ${rawUrl} is plain http: the token would be sent unencrypted. Confirm to continue.`, [
    { path: 'allowInsecure', message: 'confirm sending the token over plain http' },
  ]);
}
