/**
 * Masked preview of a secret: the first characters (at most 4, fewer for short values so most of a
 * short secret is never shown) followed by `*`. The length of the stars is capped, so the preview does
 * not reveal the exact length of long secrets either.
 */
export function maskSecret(secret: string): string {
  const chars = Array.from(secret);
  const shown = Math.min(4, Math.floor(chars.length / 3));
  const hidden = Math.min(Math.max(chars.length - shown, 4), 16);
  return chars.slice(0, shown).join('') + '*'.repeat(hidden);
}

/** Replaces every occurrence of `secret` in `text` with its mask (for match/line previews). */
export function redactIn(text: string, secret: string): string {
  if (!secret) return text;
  return text.split(secret).join(maskSecret(secret));
}

/**
 * Text that may hold URLs with credentials (`https://user:token@host`, `git+https://token@host`), as it
 * can be shown or stored: the user-info part of every URL is masked, except the `git` user of SSH URLs,
 * which is the same for everyone.
 */
export function maskUrlCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)([^/@\s"'<>]+)@/gi, (_, scheme: string, user: string) =>
    user === 'git' ? `${scheme}git@` : `${scheme}***@`,
  );
}
