// Files attached to every member's message; added by picker, removed one by one.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasBidiControls, showBidiControls } from '../../../../shared/bidi';
import type { AttachmentDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { readPicked } from '../lists/file-drop';

interface Props {
  campaignId: number;
  actorId: number | null;
  attachments: readonly AttachmentDto[];
  editable: boolean;
  onChanged: () => void;
}

export function AttachmentsPanel({ campaignId, actorId, attachments, editable, onChanged }: Props) {
  const { t } = useTranslation();
  const call = useCall();
  const input = useRef<HTMLInputElement>(null);
  // The app refuses such a name too (the contract); here the operator learns why, by name.
  const [disguised, setDisguised] = useState<string | null>(null);
  const add = async (files: FileList | null) => {
    if (actorId === null) return;
    setDisguised(null);
    for (const f of Array.from(files ?? [])) {
      if (hasBidiControls(f.name)) {
        setDisguised(showBidiControls(f.name));
        break;
      }
      const p = await readPicked(f);
      if ((await call.run('attachments:add', { actorId, campaignId, fileName: p.name, bytes: p.bytes })) === undefined) break;
    }
    onChanged();
  };
  const remove = async (attachmentId: number) => {
    if (actorId === null) return;
    if ((await call.run('attachments:remove', { actorId, campaignId, attachmentId })) !== undefined) onChanged();
  };
  return (
    <div data-testid="attachments">
      <h3>{t('compose.attachments')}</h3>
      <ul>
        {attachments.map((a) => (
          <li key={a.id}>
            {a.fileName} ({t('common.bytes', { count: a.bytes })}){' '}
            {editable && (
              <button type="button" className="btn small" onClick={() => void remove(a.id)}>
                {t('compose.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <>
          <button type="button" className="btn small" onClick={() => input.current?.click()} disabled={actorId === null}>
            {t('compose.addAttachment')}
          </button>
          <input
            ref={input}
            type="file"
            multiple
            className="visually-hidden"
            // The visible button opens it: the hidden input is no second, invisible Tab stop.
            tabIndex={-1}
            aria-hidden="true"
            data-testid="attachment-input"
            onChange={(e) => {
              void add(e.target.files);
              e.target.value = '';
            }}
          />
        </>
      )}
      {disguised && (
        <div className="error" role="alert" data-testid="attachment-name-bidi">
          {t('compose.attachmentNameBidi', { name: disguised })}
        </div>
      )}
      <ErrorText error={call.error} />
    </div>
  );
}
