// Handlers of the reports: each is one call into the report service.
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';

export function reportHandlers(app: AppContext): DomainHandlers<'report'> {
  const reports = () => app.services().reports;
  return {
    'report:summary': ({ campaignId }) => reports().summary(campaignId),
    'report:recipients-csv': ({ actorId, campaignId, lang, timeZone }) => reports().exportRecipients(campaignId, app.actorName(actorId), { lang, timeZone }),
    'report:incident': ({ campaignId, lang, limit }) => reports().incident(campaignId, lang, limit),
    'report:incident-csv': ({ actorId, campaignId, answers, lang, timeZone }) =>
      reports().exportIncident(campaignId, answers, app.actorName(actorId), { lang, timeZone }),
    'report:incident-save': ({ actorId, campaignId, answers }) => reports().saveIncidentAnswers(campaignId, answers, app.actorName(actorId)),
  };
}
