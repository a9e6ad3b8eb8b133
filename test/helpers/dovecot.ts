// A real Dovecot IMAP server on 127.0.0.1 for the bounce and Sent-copy tests: a temporary
// configuration (from /work/shared/tools/dovecot-loopback.conf's shape), one passwd-file user,
// a free port. Returns null where Debian's dovecot-imapd is not installed, after printing one
// `SKIPPED dovecot not installed` line, so a bare machine skips instead of failing.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './tmp';

const DOVECOT = '/usr/sbin/dovecot';
const DOVEADM = '/usr/bin/doveadm';
const MAIL_UID = 8;
const MAIL_GID = 8;

export interface DovecotServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The user's maildir (cur/new/tmp and .Folder subfolders), for filling it quickly. */
  readonly maildir: string;
  /** Indexes the user's INBOX now, as delivery (LDA/LMTP) would have done for each message. */
  index(): void;
  stop(): Promise<void>;
}

let skipPrinted = false;

/** Whether Dovecot can run here; prints the SKIPPED line once when it cannot. */
export function dovecotAvailable(): boolean {
  if (existsSync(DOVECOT)) return true;
  if (!skipPrinted) console.log('SKIPPED dovecot not installed');
  skipPrinted = true;
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Sign-in by OAuth2 bearer token (XOAUTH2, OAUTHBEARER): Dovecot asks this URL who the token is. */
export interface DovecotOAuth2 {
  /**
   * Answers GET with "Authorization: Bearer <token>" with JSON: `active` true and the mailbox in
   * `email` for a good token, `active` false for any other (an HTTP error would be taken for
   * the endpoint being down: "temporary authentication failure").
   */
  readonly userinfoUrl: string;
}

function oauth2Passdb(dir: string, o: DovecotOAuth2 | undefined): string {
  if (!o) return '';
  writeFileSync(join(dir, 'oauth2.conf.ext'), `introspection_mode = auth\nintrospection_url = ${o.userinfoUrl}\nusername_attribute = email\nforce_introspection = yes\nactive_attribute = active\nactive_value = true\n`);
  return `passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${dir}/oauth2.conf.ext
}
`;
}

function config(dir: string, port: number, oauth2?: DovecotOAuth2): string {
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
ssl = no
disable_plaintext_auth = no
# A refused sign-in answers at once (the default waits 2 s against guessing). Dovecot still slows
# the next sign-ins from the same address after a failure (2 s, then 4, 8...): tests that fail on
# purpose take that long.
auth_failure_delay = 0
auth_mechanisms = plain login${oauth2 ? ' xoauth2 oauthbearer' : ''}
log_path = ${dir}/dovecot.log
default_login_user = dovenull
default_internal_user = dovecot
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u ${dir}/users
}
${oauth2Passdb(dir, oauth2)}
userdb {
  driver = static
  args = uid=mail gid=mail home=${dir}/mail/%u
}
first_valid_uid = 8
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
}
`;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`Dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startDovecot(user = 'office@example.test', password = 'secret', oauth2?: DovecotOAuth2): Promise<DovecotServer> {
  const t = tempDir('tayori-dovecot-');
  // Dovecot's auth and mail processes run as other users: they must be able to enter the folder.
  chmodSync(t.dir, 0o755);
  for (const d of ['run', 'state', 'mail']) mkdirSync(join(t.dir, d));
  chownSync(join(t.dir, 'mail'), MAIL_UID, MAIL_GID);
  writeFileSync(join(t.dir, 'users'), `${user}:{PLAIN}${password}\n`);
  const maildir = join(t.dir, 'mail', user);
  mkdirSync(maildir);
  chownSync(maildir, MAIL_UID, MAIL_GID);
  const port = await freePort();
  const conf = join(t.dir, 'dovecot.conf');
  writeFileSync(conf, config(t.dir, port, oauth2));
  execFileSync(DOVECOT, ['-c', conf], { stdio: 'ignore' }); // it forks: a pipe would stay open
  await waitForPort(port, 10_000);
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    maildir,
    index() {
      execFileSync(DOVEADM, ['-c', conf, 'index', '-u', user, 'INBOX'], { stdio: 'ignore' });
    },
    async stop() {
      spawnSync(DOVEADM, ['-c', conf, 'stop'], { stdio: 'ignore' });
      t.cleanup();
    },
  };
}
