// Attachment checks. Toyota City 2024-08: the previous mail was attached whole (.eml) with
// every resident's address, so mail files, archives holding one (named by the entry, whether
// found by its name or its content), archives too deep to look into, and MIME content under
// any name are blocked; readable text is scanned for addresses, above all other members'.
import { findAddresses } from './address-text';
import { isOrgDomain } from './domain-groups';
import { EXAMPLE_CAP, item, listText } from './item';
import type { CheckAttachment, CheckItem, Prepared } from './types';

const MAIL_FILE_EXTENSIONS: readonly string[] = ['.eml', '.emlx', '.msg', '.mbox', '.mbx', '.pst', '.ost', '.olm'];
export const DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export function isMailFileName(name: string): boolean {
  const n = name.toLowerCase();
  return MAIL_FILE_EXTENSIONS.some((ext) => n.endsWith(ext));
}

function mailFileItem(a: CheckAttachment): CheckItem | null {
  if (isMailFileName(a.fileName) || a.looksLikeMail) {
    const reason = isMailFileName(a.fileName) ? 'extension' : 'content';
    return item({
      code: 'attachment-mail-file',
      severity: 'blocking',
      files: [a.fileName],
      params: { file: a.fileName, reason },
      ja: `添付「${a.fileName}」はメールそのもの（転送・保存したメール）です。前のメールの宛先や本文がそのまま相手に渡るため送れません。必要な内容だけを別のファイルにして添付し直してください。`,
      en: `The attachment "${a.fileName}" is a whole mail message. It would hand over the previous mail's addresses and text, so it cannot be sent. Attach only the content you need as a separate file.`,
    });
  }
  const inner = [...new Set([...(a.innerNames ?? []).filter(isMailFileName), ...(a.mailEntries ?? [])])];
  if (a.containsMailFile || inner.length) {
    return item({
      code: 'attachment-archive-contains-mail',
      severity: 'blocking',
      files: [a.fileName],
      params: { file: a.fileName, inner: inner.join(', ') },
      ja: `圧縮ファイル「${a.fileName}」の中にメールのファイル${inner.length ? `（${listText(inner, 3)}）` : ''}が入っています。送れませんので、中身を確かめて作り直してください。`,
      en: `The archive "${a.fileName}" contains a mail file${inner.length ? ` (${listText(inner, 3)})` : ''}. It cannot be sent: check its contents and build it again without it.`,
    });
  }
  if (a.tooDeep) {
    // What we could not open may be the very mail file this rule exists for (DESIGN: an archive
    // that cannot be fully inspected is blocked).
    return item({
      code: 'attachment-archive-too-deep',
      severity: 'blocking',
      files: [a.fileName],
      params: { file: a.fileName },
      ja: `圧縮ファイル「${a.fileName}」は、圧縮ファイルの中にさらに圧縮ファイルが何重にも入っていて、中身をすべて確かめられません。送れませんので、中のファイルを取り出して、必要なものだけを添付し直してください。`,
      en: `The archive "${a.fileName}" holds archives inside archives, too deep to check everything in it. It cannot be sent: take the files out and attach only the ones you need.`,
    });
  }
  return null;
}

export function attachmentRule(p: Prepared): CheckItem[] {
  const { attachments, policy, profile } = p.input;
  const items: CheckItem[] = [];
  const limit = policy.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  // The organisation's own contact addresses are expected in a notice (a flyer's footer).
  const own = new Set(
    [policy.organisationAddress, profile?.fromAddress].filter((x): x is string => !!x).map((x) => x.trim().toLowerCase()),
  );
  let memberIndex: Map<string, number[]> | null = null;
  for (const a of attachments) {
    const blocked = mailFileItem(a);
    if (blocked) items.push(blocked);
    if (a.unreadable && !blocked) {
      items.push(
        item({
          code: 'attachment-not-inspectable',
          severity: 'warning',
          files: [a.fileName],
          params: { file: a.fileName },
          ja: `添付「${a.fileName}」は中身を確かめられません（パスワード付きや壊れた圧縮ファイル）。中にメールや他の人のアドレスが入っていないか、自分で開いて確かめてください。`,
          en: `The attachment "${a.fileName}" could not be looked into (password-protected or damaged archive). Open it yourself and check it holds no mail files or other people's addresses.`,
        }),
      );
    }
    if (a.bytes > limit) {
      items.push(
        item({
          code: 'attachment-too-large',
          severity: 'warning',
          files: [a.fileName],
          params: { file: a.fileName, bytes: a.bytes, limit },
          ja: `添付「${a.fileName}」は${Math.ceil(a.bytes / 1024 / 1024)}MBあり、上限（${Math.floor(limit / 1024 / 1024)}MB）を超えています。届かない相手がいるので、小さくするかリンクで知らせてください。`,
          en: `The attachment "${a.fileName}" is ${Math.ceil(a.bytes / 1024 / 1024)} MB, over the ${Math.floor(limit / 1024 / 1024)} MB limit; some members will not receive it. Make it smaller or share a link instead.`,
        }),
      );
    }
    if (!a.text) continue;
    const found = findAddresses(a.text).filter((x) => !own.has(x) && !isOrgDomain(x.slice(x.indexOf('@') + 1), p.orgDomains));
    if (!found.length) continue;
    if (!memberIndex) {
      memberIndex = new Map();
      p.emails.forEach((e, i) => {
        const l = memberIndex!.get(e);
        if (l) l.push(p.input.recipients[i]!.id);
        else memberIndex!.set(e, [p.input.recipients[i]!.id]);
      });
    }
    const ofMembers = found.filter((x) => memberIndex!.has(x));
    if (ofMembers.length) {
      items.push(
        item({
          code: 'attachment-has-member-addresses',
          severity: 'warning',
          files: [a.fileName],
          members: ofMembers.flatMap((x) => memberIndex!.get(x)!),
          params: { file: a.fileName, count: ofMembers.length, addresses: ofMembers.slice(0, EXAMPLE_CAP).join(', ') },
          ja: `添付「${a.fileName}」に、この名簿の人のアドレスが${ofMembers.length}件書かれています（${listText(ofMembers, 3)}）。全員に他の人のアドレスが渡ってしまいます。添付を外すか、アドレスを消してから添付し直してください。`,
          en: `The attachment "${a.fileName}" contains ${ofMembers.length} address(es) of members of this list (${listText(ofMembers, 3)}). Everyone would receive other members' addresses: remove the attachment or delete the addresses from it.`,
        }),
      );
    } else {
      items.push(
        item({
          code: 'attachment-has-addresses',
          severity: 'warning',
          files: [a.fileName],
          params: { file: a.fileName, count: found.length, addresses: found.slice(0, EXAMPLE_CAP).join(', ') },
          ja: `添付「${a.fileName}」にメールアドレスが${found.length}件書かれています（${listText(found, 3)}）。全員に見せてよいアドレスか確かめてください。`,
          en: `The attachment "${a.fileName}" contains ${found.length} email address(es) (${listText(found, 3)}). Check that everyone may see them.`,
        }),
      );
    }
  }
  return items;
}
