// Argument schemas of the reports: the reader's language and time zone travel with each export,
// because the CSV and the printed report are built on the main side but read by this person.
import { z } from 'zod';
import { isTimeZone } from '../reports/local-time';

export const reportFormat = {
  lang: z.enum(['ja', 'en']).default('ja'),
  /** An IANA zone name the runtime knows ("Asia/Tokyo"); the page sends its own. */
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'unknown time zone').default('Asia/Tokyo'),
};
