// Decides whether an IPC message comes from our own window's top frame at our own file:// page.
// Kept free of the electron module so it is tested with plain objects.

export interface FrameLike {
  readonly url: string;
}

/**
 * True only for the main frame of our window (not an iframe, not another window) whose URL is
 * exactly our renderer's index.html. Compared on the parsed URL so that query strings and
 * fragments (which the UI may use) do not matter, but any other file or scheme does
 * (Electron advisory GHSA-mq8j-3h7h-p8g7: check senderFrame, not just the webContents).
 */
export function isTrustedSender(frame: FrameLike | null, mainFrame: FrameLike | null, indexUrl: string): boolean {
  if (!frame || !mainFrame || frame !== mainFrame) return false;
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(frame.url);
    expected = new URL(indexUrl);
  } catch {
    return false;
  }
  return actual.protocol === 'file:' && expected.protocol === 'file:' && actual.pathname === expected.pathname && actual.host === expected.host;
}
