// Draws the guide's Markdown (docs/<lang>/guide.md) as React elements: the small subset the guide
// uses — headings, anchors (<a id="…"></a>), paragraphs, lists, images, **bold** and `code`.
// Built as elements, never as HTML, so the text cannot inject markup.
import type { ReactNode } from 'react';

function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/g).map((part, i) => {
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4) return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('`') && part.endsWith('`') && part.length > 2) return <code key={i} translate="no">{part.slice(1, -1)}</code>;
    return part;
  });
}

/** `images` maps an image's file name to the URL the bundle serves it at. */
export function GuideMarkdown({ source, images }: { source: string; images: Readonly<Record<string, string>> }) {
  const out: ReactNode[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  let para: string[] = [];
  let anchor: string | undefined;
  const flush = () => {
    if (para.length) out.push(<p key={out.length}>{inline(para.join(' '))}</p>);
    para = [];
    if (list) {
      const items = list.items.map((it, i) => <li key={i}>{inline(it)}</li>);
      out.push(list.ordered ? <ol key={out.length}>{items}</ol> : <ul key={out.length}>{items}</ul>);
    }
    list = null;
  };
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const a = /^<a id="([\w-]+)"><\/a>$/.exec(line);
    const h = /^(#{1,3}) (.*)$/.exec(line);
    const img = /^!\[([^\]]*)\]\(([^)]+)\)$/.exec(line);
    const li = /^(?:(- )|(\d+)\. )(.*)$/.exec(line);
    if (a) {
      flush();
      anchor = a[1];
    } else if (h) {
      flush();
      const Tag = (['h1', 'h2', 'h3'] as const)[h[1]!.length - 1]!;
      out.push(<Tag key={out.length} id={anchor ? `guide-${anchor}` : undefined}>{inline(h[2]!)}</Tag>);
      anchor = undefined;
    } else if (img) {
      flush();
      const src = images[img[2]!.split('/').pop()!];
      if (src) out.push(<img key={out.length} className="guide-shot" src={src} alt={img[1]} loading="lazy" />);
    } else if (li) {
      if (para.length) flush();
      const ordered = li[2] !== undefined;
      if (list && list.ordered !== ordered) flush();
      list ??= { ordered, items: [] };
      list.items.push(li[3]!);
    } else if (line === '') {
      flush();
    } else if (list && /^\s+\S/.test(raw)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return <>{out}</>;
}
