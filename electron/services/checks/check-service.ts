// The check service: builds a campaign's CheckInput from the database and runs the guards.
// checkCampaign is synchronous (approval gating calls it inline). PDF text read by unpdf is
// async, so prepareAttachments fills a cache keyed by sha256; until then a PDF is read by the
// synchronous fallback scan. Call prepareAttachments after adding attachments and before
// showing the report, so the report and the approval digest see the same text.
import { runChecks, type CheckReport } from '../../../shared/guards';
import type { Db } from '../../db/connection';
import { listPdfAttachments } from '../../db/repos/attachments-repo';
import { readCheckInput } from './check-input';
import { extractPdfText } from './pdf-text';

const PDF_CACHE_MAX = 64;

export interface CheckService {
  checkCampaign(campaignId: number): CheckReport;
  /** Reads the text of the campaign's PDF attachments with unpdf into the cache. */
  prepareAttachments(campaignId: number): Promise<void>;
}

export function createCheckService(deps: { db: Db }): CheckService {
  const { db } = deps;
  const pdfCache = new Map<string, string | null>();

  return {
    checkCampaign(campaignId) {
      const input = readCheckInput(db, campaignId, (sha) => pdfCache.get(sha));
      return runChecks(input);
    },

    async prepareAttachments(campaignId) {
      for (const r of listPdfAttachments(db, campaignId)) {
        if (pdfCache.has(r.sha256)) continue;
        const text = await extractPdfText(new Uint8Array(r.content));
        // Keep the cache bounded; the oldest entry goes first (Map keeps insertion order).
        if (pdfCache.size >= PDF_CACHE_MAX) pdfCache.delete(pdfCache.keys().next().value!);
        pdfCache.set(r.sha256, text);
      }
    },
  };
}
