// Beside the editor: the unsaved template rendered for one chosen member of the list.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { MailView } from '../../components/mail-view';
import { useQuery } from '../../hooks/use-query';
import { useDebounced } from './use-debounced';

interface Props {
  listId: number;
  profileId: number | null;
  subject: string;
  body: string;
}

export function LivePreview({ listId, profileId, subject, body }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [memberId, setMemberId] = useState<number | null>(null);
  const q = useDebounced(query.trim());
  const members = useQuery('members:page', { listId, offset: 0, limit: 50, query: q || undefined });
  const s = useDebounced(subject);
  const b = useDebounced(body);
  const chosen = memberId ?? members.data?.members[0]?.id ?? null;
  const preview = useQuery('preview:draft', chosen === null ? null : { listId, memberId: chosen, profileId, subject: s, body: b });
  return (
    <section className="card" data-testid="live-preview">
      <h3>{t('compose.livePreview')}</h3>
      <div className="row">
        <input
          type="search"
          name="preview-search"
          placeholder={t('check.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="row">
          <span>{t('compose.previewOf')}</span>
          <select name="preview-member" value={chosen ?? ''} onChange={(e) => setMemberId(Number(e.target.value))}>
            {(members.data?.members ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name || m.email} — {m.email}
              </option>
            ))}
          </select>
        </label>
      </div>
      {preview.data && <MailView rendered={preview.data} />}
      <ErrorText error={preview.error ?? members.error} />
    </section>
  );
}
