// Domain lists the guards compare against: common providers (typo targets) and free-mail/personal
// domains (flagged when the policy says members are organisations). Japanese carriers included,
// since most personal addresses in Tayori's lists are on them.

/** Domains people commonly mean to type; a near miss of one of these is probably a typo. */
export const COMMON_DOMAINS: readonly string[] = [
  'gmail.com', 'yahoo.co.jp', 'icloud.com', 'docomo.ne.jp', 'ezweb.ne.jp', 'au.com',
  'softbank.ne.jp', 'i.softbank.jp', 'ymobile.ne.jp', 'outlook.jp', 'outlook.com',
  'hotmail.co.jp', 'hotmail.com', 'live.jp', 'live.com', 'msn.com', 'me.com', 'mac.com',
  'nifty.com', 'ocn.ne.jp', 'biglobe.ne.jp', 'so-net.ne.jp', 'plala.or.jp', 'yahoo.com',
  'googlemail.com', 'rakuten.jp', 'excite.co.jp', 'infoseek.jp', 'goo.jp', 'mail.goo.ne.jp',
  'jcom.home.ne.jp', 'zaq.ne.jp', 'dion.ne.jp', 'odn.ne.jp', 'tnc.ne.jp', 'uqmobile.jp',
  'willcom.com', 'pdx.ne.jp', 'disney.ne.jp', 'emobile.ne.jp', 'mineo.jp', 'povo.jp',
  'rakumail.jp', 'aol.com', 'protonmail.com', 'proton.me', 'yandex.com', 'gmx.com',
];

/**
 * Real domains that sit close to a common one and must not be reported as its typo
 * (e.g. yahoo.com is not a misspelt yahoo.co.jp).
 */
export const KNOWN_REAL_DOMAINS: readonly string[] = [
  'softbank.co.jp', 'docomo.com', 'nttdocomo.co.jp', 'kddi.com', 'au.net', 'ezweb.com',
  'yahoo.co.uk', 'hotmail.co.uk', 'outlook.co.jp', 'nifty.ne.jp', 'ocn.jp', 'me.net',
  'live.co.uk', 'gmx.de', 'gmx.net', 'aol.jp', 'goo.ne.jp', 'msn.co.jp', 'icloud.jp',
];

/** Free-mail, carrier and ISP domains: personal addresses, not an organisation's. */
const FREE_MAIL_DOMAINS: readonly string[] = [
  ...COMMON_DOMAINS.filter((d) => d !== 'mail.goo.ne.jp'),
  'goo.ne.jp', 'mail.goo.ne.jp', 'yahoo.ne.jp', 'ybb.ne.jp', 'k-web.jp', 'auone.jp',
  'au.net', 'hb.tp1.jp', 'd.vodafone.ne.jp', 't.vodafone.ne.jp', 'k.vodafone.ne.jp',
  'c.vodafone.ne.jp', 'h.vodafone.ne.jp', 'q.vodafone.ne.jp', 'r.vodafone.ne.jp',
  'n.vodafone.ne.jp', 's.vodafone.ne.jp', 'mopera.net', 'icloud.jp',
];

const FREE_MAIL_SET = new Set(FREE_MAIL_DOMAINS);

/** True for a free-mail/carrier domain or any subdomain of one (e.g. xx.biglobe.ne.jp). */
export function isFreeMailDomain(domain: string): boolean {
  if (FREE_MAIL_SET.has(domain)) return true;
  // ISPs give subdomains per region/user (a.biglobe.ne.jp, xx.so-net.ne.jp): check suffixes.
  for (let i = domain.indexOf('.'); i >= 0; i = domain.indexOf('.', i + 1)) {
    if (FREE_MAIL_SET.has(domain.slice(i + 1))) return true;
  }
  return false;
}

/** Second-level labels under .jp that belong to the suffix (docomo.NE.JP, city.x.LG.JP). */
const JP_SECOND_LEVEL = new Set(['co', 'ne', 'or', 'ac', 'go', 'ed', 'lg', 'gr', 'ad']);

/** The domain without its (possibly mistyped) public suffix: docomo.ne.jo -> docomo. */
export function domainBase(domain: string): string {
  const labels = domain.split('.');
  if (labels.length < 2) return domain;
  const cut = labels.length >= 3 && JP_SECOND_LEVEL.has(labels[labels.length - 2]!) ? 2 : 1;
  return labels.slice(0, labels.length - cut).join('.');
}
