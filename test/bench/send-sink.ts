// Child process for the send benchmark: the local smtp-server sink, on its own event loop as a
// real mail server would be, so the figures measure the sender. Speaks over IPC:
// sends { port } when listening; answers 'count' with { count }; exits on 'close'.
import { startSmtpCapture } from '../helpers/smtp-capture';

// 'xoauth2': the sink offers only AUTH XOAUTH2, as Exchange Online and Gmail do (oauth-bench.ts).
const sink = await startSmtpCapture(process.argv[2] === 'xoauth2' ? { xoauth2: (_user, token) => token.length > 0 } : {});
process.send!({ port: sink.port });
process.on('message', (m) => {
  if (m === 'count') {
    process.send!({ count: sink.messages.length });
    // Keep memory flat between rounds: the benchmark only needs the count.
    sink.messages.length = 0;
  } else if (m === 'close') {
    void sink.close().then(() => process.exit(0));
  }
});
