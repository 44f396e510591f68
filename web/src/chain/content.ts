//! The content service's client (docs/content.md): ticket texts by hash, each request signed by
//! the account so the service can check its role on the desk.

import { stringToU8a } from '@polkadot/util';
import { signedHeaders, type RawSigner } from '../logic/auth';

/** Which of the desk's messages a text belongs to (content/src/text.rs `Kind`). */
export type Kind = 'request' | 'response' | 'escalation' | 'resolution' | 'invalid' | 'reopening';

/** A text as the service serves it. */
export interface TextRecord {
  hash: string;
  ticket: number;
  kind: Kind;
  salt: string;
  text: string;
  public: boolean;
  author: string;
  stored_at: number;
}

/** A refusal of the service: its name (e.g. `MayNotRead`) and words. */
export class ContentError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class ContentClient {
  /** The service at `base` (`http://host:port`; a trailing `/` is dropped). */
  readonly base: string;

  constructor(base: string) {
    this.base = base.replace(/\/+$/, '');
  }

  private async call<T>(method: 'GET' | 'PUT', path: string, signer: RawSigner | null, body?: unknown): Promise<T> {
    const json = body === undefined ? undefined : JSON.stringify(body);
    const bytes = json === undefined ? new Uint8Array() : stringToU8a(json);
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (signer) Object.assign(headers, await signedHeaders(signer, method, new URL(this.base).host, path, bytes));
    let reply: Response;
    try {
      reply = await fetch(this.base + path, { method, headers, body: json });
    } catch (e) {
      throw new ContentError('Unreachable', `the content service at ${this.base} does not answer (${(e as Error).message})`);
    }
    const answer = await reply.json().catch(() => ({}));
    if (!reply.ok) throw new ContentError(answer.error ?? String(reply.status), answer.message ?? reply.statusText);
    return answer as T;
  }

  /** Stores a text under its hash (after the hash is on chain). */
  upload(signer: RawSigner, hash: string, upload: { ticket: number; kind: Kind; salt: string; text: string; public?: boolean }) {
    return this.call<{ stored: string }>('PUT', `/v1/texts/${hash}`, signer, { public: false, ...upload });
  }

  /** A ticket's texts in the order stored (`signer` null: only a public ticket's). */
  async thread(signer: RawSigner | null, ticket: number, limit = 100): Promise<TextRecord[]> {
    const reply = await this.call<{ texts: TextRecord[] }>('GET', `/v1/tickets/${ticket}/texts?from=0&limit=${limit}`, signer);
    return reply.texts;
  }
}
