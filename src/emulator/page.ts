/**
 * The page at `/emulator`: the outbox, newest first, with clickable links and codes in large
 * type; an enchanted-link email's links each as its number. It follows `/emulator/outbox/stream` (Server-Sent Events) where the adapter offers it,
 * and polls otherwise.
 */
export const outboxPage = (projectId: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>passlink emulator outbox</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0 auto; max-width: 48rem; padding: 1.5rem; line-height: 1.5; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  ol { list-style: none; padding: 0; }
  li { border: 1px solid #8886; border-radius: .5rem; padding: .75rem 1rem; margin: .75rem 0; }
  .meta { font-size: .85rem; opacity: .85; }
  .code { font: 600 1.6rem ui-monospace, monospace; letter-spacing: .2em; }
  a { word-break: break-all; }
  button { font: inherit; padding: .3rem .8rem; }
  .choices { display: flex; gap: 1rem; }
  .choices li { border: 0; padding: 0; margin: .25rem 0; }
</style>
</head>
<body>
<main>
  <h1>Outbox</h1>
  <p class="meta">Messages the local emulator of project <code>${projectId.replace(/[<&>"]/g, '')}</code> sent instead of real email, SMS, voice calls and WhatsApp.</p>
  <button type="button" id="clear">Clear outbox</button>
  <p id="status" role="status" class="meta"></p>
  <ol id="messages" aria-label="Messages, newest first"></ol>
</main>
<script type="module">
  const list = document.getElementById('messages');
  const status = document.getElementById('status');
  const text = (tag, value, className) => {
    const element = document.createElement(tag);
    element.textContent = value;
    if (className) element.className = className;
    return element;
  };
  const render = (messages) => {
    list.replaceChildren(
      ...messages.slice().reverse().map((message) => {
        const item = document.createElement('li');
        item.append(text('div', message.channel + ' to ' + message.to + ' · ' + message.purpose + ' · ' + new Date(message.sentAt).toLocaleTimeString(), 'meta'));
        if (message.link) {
          // Only a web link becomes clickable; anything else is shown as text.
          const web = /^https?:\\/\\//i.test(message.link);
          const link = text(web ? 'a' : 'code', message.link);
          if (web) link.href = message.link;
          item.append(link);
        }
        if (message.links) {
          // An enchanted link: each link shows its number; the sign-in screen shows which is right.
          const choices = document.createElement('ul');
          choices.className = 'choices';
          choices.setAttribute('aria-label', 'Links: open the one showing the number on the sign-in screen');
          for (const choice of message.links) {
            const entry = document.createElement('li');
            const link = text('a', choice.number, 'code');
            if (/^https?:\\/\\//i.test(choice.url)) link.href = choice.url;
            link.setAttribute('aria-label', 'Link ' + choice.number);
            entry.append(link);
            choices.append(entry);
          }
          item.append(choices);
        }
        if (message.code) item.append(text('div', message.code, 'code'));
        item.append(text('div', message.text, 'meta'));
        return item;
      }),
    );
    status.textContent = messages.length + (messages.length === 1 ? ' message' : ' messages');
  };
  const load = () => fetch('/emulator/outbox').then((r) => r.json()).then((data) => render(data.messages));
  document.getElementById('clear').addEventListener('click', () => fetch('/emulator/outbox', { method: 'DELETE' }).then(load));
  load();
  const stream = new EventSource('/emulator/outbox/stream');
  stream.addEventListener('message', load);
  stream.addEventListener('error', () => { stream.close(); setInterval(load, 2000); });
</script>
</body>
</html>
`;
