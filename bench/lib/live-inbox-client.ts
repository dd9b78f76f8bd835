/** One person's live inbox over Server-Sent Events, recording when each communication's event arrives. */
export interface LiveInbox {
  /** communicationId → arrival time (performance.now()) of its first event. */
  arrivals: Map<string, number>;
  close(): void;
}

export async function openLiveInbox(baseUrl: string, cookie: string): Promise<LiveInbox> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/communications/events`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`live inbox: ${response.status}`);
  const arrivals = new Map<string, number>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let opened: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (opened = resolve));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const now = performance.now();
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          if (data === undefined) continue;
          opened();
          const event = JSON.parse(data) as { communicationId?: string };
          if (event.communicationId && !arrivals.has(event.communicationId)) arrivals.set(event.communicationId, now);
        }
      }
    } catch {
      /* closed */
    }
  })();
  await first; // the unread count arrives at once: the stream is live
  return { arrivals, close: () => controller.abort() };
}
