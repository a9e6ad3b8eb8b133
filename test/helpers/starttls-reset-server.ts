// A raw SMTP server on 127.0.0.1 that offers STARTTLS, says "go ahead", and then resets the TCP
// connection (RST) at the first byte of the TLS handshake: what a broken TLS set-up or a
// middlebox that strips encryption looks like to a client.
import net from 'node:net';

export interface StartTlsResetServer {
  readonly port: number;
  /** STARTTLS commands answered (each was then reset). */
  upgrades(): number;
  close(): Promise<void>;
}

export async function startStartTlsResetServer(): Promise<StartTlsResetServer> {
  let upgrades = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write('220 reset.example ESMTP\r\n');
    let buffer = '';
    const onLine = (line: string) => {
      if (/^(EHLO|HELO)\b/i.test(line)) socket.write('250-reset.example\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n');
      else if (/^STARTTLS\b/i.test(line)) {
        upgrades++;
        socket.removeListener('data', onData);
        socket.write('220 2.0.0 Ready to start TLS\r\n');
        // The client's ClientHello arrives next: answer it with a reset, not a handshake.
        socket.once('data', () => socket.resetAndDestroy());
      } else if (/^QUIT\b/i.test(line)) socket.end('221 bye\r\n');
      else socket.write('503 5.5.1 STARTTLS first\r\n');
    };
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        onLine(line);
      }
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the reset server did not bind');
  return {
    port: address.port,
    upgrades: () => upgrades,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
