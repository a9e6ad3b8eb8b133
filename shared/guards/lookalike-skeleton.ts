// What counts as a look-alike of an address's local part: look-alike characters folded into a
// "skeleton", then at most one edit (skeletons of 4+ characters) or two (7+) between skeletons.
import { osaDistance } from './edit-distance';

/**
 * The local part with look-alike characters folded (0->o, 1/i/|/!->l, 5->s, rn->m, vv->w,
 * cl->d) and separators dropped, so t0m0k1 and tomoki, or kirnura and kimura, collide.
 * One pass without regular expressions: it runs once per member of a 100k list.
 */
export function skeleton(local: string): string {
  const s = local.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const n = s[i + 1];
    if (c === 'r' && n === 'n') (out += 'm'), i++;
    else if (c === 'v' && n === 'v') (out += 'w'), i++;
    else if (c === 'c' && n === 'l') (out += 'd'), i++;
    else if (c === '0') out += 'o';
    else if (c === '1' || c === 'i' || c === '|' || c === '!') out += 'l';
    else if (c === '5') out += 's';
    else if (c === '.' || c === '-' || c === '_') continue;
    else out += c;
  }
  return out;
}

/** Shortest skeleton given deletion variants; below it one edit changes too much to mean a typo. */
export const MIN_DELETE_LENGTH = 4;
/** Shortest skeleton given two-deletion variants (any two edits). */
export const MIN_DELETE2_LENGTH = 7;

/** The pairwise test, with the same length limits as the deletion variants. */
export function closeEnough(a: string, b: string): boolean {
  const d = osaDistance(a, b, 2);
  if (d === 0) return true;
  if (d === 1) return Math.max(a.length, b.length) >= MIN_DELETE_LENGTH;
  return d === 2 && Math.min(a.length, b.length) >= MIN_DELETE2_LENGTH;
}
