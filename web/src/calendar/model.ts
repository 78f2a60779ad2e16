/** Pure helpers of 日历订阅. */

/** The same address for calendar apps: http(s):// becomes webcal:// (iOS and macOS open Calendar). */
export function webcalOf(url: string): string {
  return url.replace(/^https?:\/\//i, 'webcal://');
}

/** The area feeds nearest first (community, street, district, city), at most `limit`. */
export function nearestFeeds<T extends { level: string }>(feeds: readonly T[], limit = 3): T[] {
  const rank: Record<string, number> = { compound: 0, community: 1, street: 2, district: 3, city: 4 };
  return [...feeds].sort((a, b) => (rank[a.level] ?? 9) - (rank[b.level] ?? 9)).slice(0, limit);
}
