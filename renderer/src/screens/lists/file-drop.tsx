// A drop zone plus a file picker; hands the chosen file's name and bytes to the caller.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export async function readPicked(f: File): Promise<PickedFile> {
  return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
}

export function FileDrop({ onFile, accept = '.csv,.txt,.tsv' }: { onFile: (f: PickedFile) => void; accept?: string }) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const take = async (files: FileList | null) => {
    const f = files?.[0];
    if (f) onFile(await readPicked(f));
  };
  return (
    <div
      className={over ? 'dropzone over' : 'dropzone'}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void take(e.dataTransfer.files);
      }}
    >
      {t('lists.drop')}{' '}
      <button type="button" className="btn" onClick={() => input.current?.click()}>
        {t('lists.choose')}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        className="visually-hidden"
        // The visible button opens it: the hidden input is no second, invisible Tab stop.
        tabIndex={-1}
        aria-hidden="true"
        data-testid="file-input"
        onChange={(e) => {
          void take(e.target.files);
          e.target.value = '';
        }}
      />
    </div>
  );
}
