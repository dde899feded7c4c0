/** RFC 3339 in Asia/Shanghai (+08:00, no DST), as the platform writes its timestamps. */
export function formatShanghaiTimestamp(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 3600_000);
  return shifted.toISOString().replace('Z', '+08:00');
}
