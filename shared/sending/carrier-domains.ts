// Japanese mobile carriers' mail domains, declared once: the send loop paces messages to them,
// the check report counts the members who use them, and old carrier addresses with dots that
// break RFC 5322 (taro..@docomo.ne.jp) are accepted for these domains only. Carriers throttle
// bursts from one sender per carrier (one set of servers behind all its domains), so pacing
// counts per carrier, not per domain name.

const CARRIERS = ['docomo', 'au', 'softbank', 'ymobile', 'rakuten'] as const;
export type Carrier = (typeof CARRIERS)[number];

/** Each domain (and its subdomains, e.g. the old xx.pdx.ne.jp) and the carrier behind it. */
const CARRIER_DOMAINS: Readonly<Record<string, Carrier>> = {
  'docomo.ne.jp': 'docomo',
  'ezweb.ne.jp': 'au',
  'au.com': 'au',
  'biz.ezweb.ne.jp': 'au',
  'uqmobile.jp': 'au',
  'softbank.ne.jp': 'softbank',
  'i.softbank.jp': 'softbank',
  'vodafone.ne.jp': 'softbank',
  'disney.ne.jp': 'softbank',
  'ymobile.ne.jp': 'ymobile',
  'y-mobile.ne.jp': 'ymobile',
  'emnet.ne.jp': 'ymobile',
  'willcom.com': 'ymobile',
  'pdx.ne.jp': 'ymobile',
  'wcm.ne.jp': 'ymobile',
  'rakumail.jp': 'rakuten',
};

/** Messages per minute to one carrier when the account does not say otherwise. */
export const DEFAULT_CARRIER_PER_MINUTE = 20;

/** The carrier of a domain or address (its domain or a parent domain is listed), or null. */
export function carrierOf(emailOrDomain: string): Carrier | null {
  const at = emailOrDomain.lastIndexOf('@');
  let domain = (at < 0 ? emailOrDomain : emailOrDomain.slice(at + 1)).toLowerCase();
  for (;;) {
    const carrier = CARRIER_DOMAINS[domain];
    if (carrier) return carrier;
    const dot = domain.indexOf('.');
    if (dot < 0) return null;
    domain = domain.slice(dot + 1);
  }
}

export const isCarrierAddress = (email: string): boolean => carrierOf(email) !== null;
