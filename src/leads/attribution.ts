/** Hidden attribution fields every form carries; the form script fills them from the first touch. */
export const ATTRIBUTION_FIELDS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'gclid',
  'fbclid',
  'ttclid',
  'landing_page',
  'referrer',
] as const;
