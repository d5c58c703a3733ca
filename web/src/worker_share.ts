// The worker's half of sharing (docs/sharing.md): the therapist's live
// view of a patient's shared journal. One WebSocket to /api/ws with the
// hello {token, share}; the server pokes it when the patient syncs
// ("changes") and ends it with an error when the share is revoked or
// expires. The page re-reads the view on each poke and drops its cached
// copy when the share ended. No sharing rule lives here: the server decides
// every one, and the view's sections are the core's.

/** What the page hears about the share it watches. */
export type ShareEvent = { kind: 'changed' } | { kind: 'ended'; code: string };

const kRetryBaseMs = 2000;
const kRetryMaxMs = 60_000;

export class ShareWatch {
  private shareId: string | null = null;
  private socket: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;

  constructor(
    /** The session's token ('' when signed out). */
    private readonly token: () => Promise<string>,
    private readonly notify: (shareId: string, event: ShareEvent) => void,
  ) {}

  /** Watches `shareId` (null: stops watching). */
  watch(shareId: string | null): void {
    if (shareId === this.shareId) return;
    this.stop();
    this.shareId = shareId;
    this.failures = 0;
    if (shareId) this.connect(shareId);
  }

  private stop(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }

  private connect(shareId: string): void {
    const url = new URL('/api/ws', self.location.origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.retry(shareId);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      void this.token().then((token) => {
        if (!token || this.socket !== socket) return socket.close();
        socket.send(JSON.stringify({ token, share: shareId }));
      });
    };
    socket.onmessage = (event: MessageEvent) => {
      let message: { type?: string; error?: { code?: string }; code?: string } = {};
      try {
        message = JSON.parse(String(event.data)) as typeof message;
      } catch {
        return;
      }
      if (message.type === 'ready') {
        this.failures = 0;
        // What changed while disconnected.
        this.notify(shareId, { kind: 'changed' });
      } else if (message.type === 'changes') {
        this.notify(shareId, { kind: 'changed' });
      } else if (message.type === 'error') {
        const code = message.error?.code ?? message.code ?? 'share-ended';
        this.shareId = null;
        this.socket = null;
        socket.close();
        this.notify(shareId, { kind: 'ended', code });
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.retry(shareId);
    };
  }

  private retry(shareId: string): void {
    if (this.shareId !== shareId || this.retryTimer !== null) return;
    this.failures++;
    const exp = Math.min(kRetryMaxMs, kRetryBaseMs * 2 ** (this.failures - 1));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.shareId === shareId) this.connect(shareId);
    }, exp / 2 + Math.random() * (exp / 2));
  }
}
