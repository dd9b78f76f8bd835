import { useState } from 'react';
import { takeFlash } from './flash.ts';

/** Shows the messages the previous page left (once), in a live region so they are announced. */
export function FlashMessages() {
  const [messages] = useState(takeFlash);
  return (
    <div role="status" className="live-region">
      {messages.map((message, index) => (
        <p key={index} className={message.kind === 'success' ? 'alert alert-success' : 'alert alert-error'}>
          {message.text}
        </p>
      ))}
    </div>
  );
}
