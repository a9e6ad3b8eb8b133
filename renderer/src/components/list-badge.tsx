// The list a notice goes to, named on every step (compose, check, test, approval, send), with its
// member count and, for a notice, how many of them receive it: the wrong list must be visible.
import { useTranslation } from 'react-i18next';
import { useQuery } from '../hooks/use-query';

export function ListBadge({ listId, recipients }: { listId: number; recipients?: number | null }) {
  const { t } = useTranslation();
  const list = useQuery('lists:get', { id: listId });
  if (!list.data) return null;
  return (
    <p className="list-badge" data-testid="list-badge" data-list-id={listId}>
      <span>{t('listBadge.list')}</span> <strong translate="no" data-testid="list-badge-name">{list.data.name}</strong>{' '}
      <span>{t('listBadge.members', { count: list.data.memberCount })}</span>
      {recipients !== undefined && recipients !== null && <span data-testid="list-badge-recipients"> {t('listBadge.recipients', { count: recipients })}</span>}
    </p>
  );
}
