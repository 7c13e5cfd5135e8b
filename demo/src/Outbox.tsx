import { useEffect, useState } from 'react';
import { baseUrl } from './config';

interface Message {
  id: number;
  sentAt: string;
  channel: 'email' | 'sms' | 'voice' | 'whatsapp';
  to: string;
  purpose: string;
  text: string;
  link?: string;
  code?: string;
  /** An enchanted-link email's links, each showing a number: only the one the sign-in screen shows signs in. */
  links?: { number: string; url: string }[];
}

const channelNames: Record<Message['channel'], string> = { email: 'Email', sms: 'SMS', voice: 'Voice call', whatsapp: 'WhatsApp' };

/**
 * What the emulator "sent", as it arrives (Server-Sent Events from the emulator), so the demo can
 * be used with nothing but this page: click the link, or type the code.
 */
export function Outbox() {
  const [messages, setMessages] = useState<Message[]>([]);
  const [offline, setOffline] = useState(false);
  const [cleared, setCleared] = useState('');
  useEffect(() => {
    let live = true;
    fetch(`${baseUrl}/emulator/outbox`)
      .then((response) => response.json() as Promise<{ messages: Message[] }>)
      .then((data) => live && setMessages(data.messages))
      .catch(() => live && setOffline(true));
    const stream = new EventSource(`${baseUrl}/emulator/outbox/stream`);
    stream.addEventListener('message', (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as Message;
      // Bounded like the emulator's own outbox: the newest 1,000.
      setMessages((previous) => (previous.some((m) => m.id === message.id) ? previous : [...previous, message].slice(-1000)));
      setCleared('');
      setOffline(false);
    });
    stream.addEventListener('error', () => setOffline(true));
    return () => {
      live = false;
      stream.close();
    };
  }, []);

  const clear = () => {
    fetch(`${baseUrl}/emulator/outbox`, { method: 'DELETE' }).then(
      (response) => {
        if (!response.ok) throw new Error(String(response.status));
        setMessages([]);
        setCleared('Outbox cleared.');
      },
      () => setOffline(true),
    ).catch(() => setCleared('The outbox could not be cleared. Try again.'));
  };

  return (
    <aside className="outbox" aria-labelledby="outbox-title">
      <div className="outbox-head">
        <h2 id="outbox-title">Outbox</h2>
        <button type="button" onClick={clear} disabled={messages.length === 0}>
          Clear
        </button>
      </div>
      <p className="hint">Messages the local emulator sent instead of real email, SMS and calls (the newest 1,000).</p>
      <p role="status" className="hint">
        {cleared}
      </p>
      {offline ? <p role="status">The emulator is not reachable at {baseUrl}.</p> : null}
      {messages.length === 0 ? <p className="hint">Nothing sent yet.</p> : null}
      <ol aria-label="Messages, newest first">
        {messages
          .slice()
          .reverse()
          .map((message) => (
            <li key={message.id} data-channel={message.channel}>
              <p className="meta">
                {channelNames[message.channel]} to {message.to}
              </p>
              {message.link ? (
                <a href={message.link} data-testid="outbox-link">
                  Open the link
                </a>
              ) : null}
              {message.links ? (
                <ul className="enchanted-links" aria-label="Links in this email, by the number each shows">
                  {message.links.map((choice) => (
                    <li key={choice.url}>
                      {/* Open it in another browser or device: that is the point of this kind of link. */}
                      <a href={choice.url} target="_blank" rel="noreferrer" data-testid="outbox-enchanted-link" data-number={choice.number}>
                        Link showing {choice.number}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
              {message.code ? (
                <p className="code" data-testid="outbox-code" aria-label={`Code ${message.code.split('').join(' ')}`}>
                  {message.code}
                </p>
              ) : null}
              <p className="text">{message.text}</p>
            </li>
          ))}
      </ol>
    </aside>
  );
}
