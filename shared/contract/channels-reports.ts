// Channels of the reports people read after a send: a notice's one-page summary, its recipients
// as CSV, and the incident report (the facts, then a CSV of the draft with the answers typed).
import { z } from 'zod';
import { channel, result } from './define';
import { actorId, id } from './schemas';
import { reportFormat } from './report-schemas';
import { isDay } from '../reports/incident-report';
import type { CsvExportDto, IncidentDataDto, IncidentSavedDto, NoticeSummaryDto } from './dto';

const text = z.string().max(4000);

/** What only people know, typed on the incident screen (see shared/reports/incident-report.ts). */
const incidentAnswers = z.object({
  discoveredOn: z.string().refine(isDay, 'not a day (YYYY-MM-DD)').nullable(),
  sensitive: z.boolean(),
  financial: z.boolean(),
  improperPurpose: z.boolean(),
  texts: z
    .object({
      summary: text, dataItems: text, people: text, cause: text, secondaryHarm: text,
      responseToPeople: text, announcement: text, prevention: text, other: text,
    })
    .partial()
    .strict(),
});

export const reportChannels = {
  'report:summary': channel(z.object({ campaignId: id }), result<NoticeSummaryDto>()),
  /** Recipients, every status, with the server's reply in words and as received; audited. */
  'report:recipients-csv': channel(z.object({ actorId, campaignId: id, ...reportFormat }), result<CsvExportDto>()),
  'report:incident': channel(
    z.object({ campaignId: id, lang: reportFormat.lang, limit: z.number().int().min(1).max(5000).default(500) }),
    result<IncidentDataDto>(),
  ),
  /** The incident report as CSV (draft items with the answers, checklist, deadlines, who received what); audited. */
  'report:incident-csv': channel(z.object({ actorId, campaignId: id, answers: incidentAnswers, ...reportFormat }), result<CsvExportDto>()),
  /** Keeps what was typed into the incident report, so closing it or restarting loses nothing. */
  'report:incident-save': channel(z.object({ actorId, campaignId: id, answers: incidentAnswers }), result<IncidentSavedDto>()),
} as const;
