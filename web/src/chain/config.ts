//! Where the page finds the chain, the contracts and the content service: the address book
//! `helpdesk deploy` writes (served as `book.json`, or `?book=<url>`), overridden by the query
//! string (`?node=`, `?desk=`, `?token=`, `?governor=`, `?content=`).

/** An entry of the address book (deploy/src/node/config.rs `Deployed`). */
interface Deployed {
  address: string;
}

/** The address book as `helpdesk deploy` writes it. */
export interface AddressBook {
  network: string;
  url: string;
  loyalty_token: Deployed;
  help_desk: Deployed;
  governor?: Deployed;
  block: number;
}

/** What the page connects to. */
export interface Config {
  node: string;
  desk: string;
  token: string;
  governor: string | null;
  content: string;
  /** The block the deployment finished at: where the event history starts. */
  fromBlock: number;
}

/** Where `helpdesk content serve` listens by default. */
export const DEFAULT_CONTENT = 'http://127.0.0.1:8080';

/** The configuration from the address book at `bookUrl` and the `query` string. */
export async function loadConfig(query: URLSearchParams, fetcher: typeof fetch = fetch): Promise<Config> {
  const bookUrl = query.get('book') ?? 'book.json';
  let book: AddressBook | null = null;
  const reply = await fetcher(bookUrl).catch(() => null);
  if (reply?.ok) book = (await reply.json()) as AddressBook;
  const pick = (key: string, fromBook: string | undefined) => {
    const value = query.get(key) ?? fromBook;
    if (!value) throw new Error(`no ${key}: give ?${key}= or serve an address book as ${bookUrl}`);
    return value;
  };
  return {
    node: pick('node', book?.url),
    desk: pick('desk', book?.help_desk.address),
    token: pick('token', book?.loyalty_token.address),
    governor: query.get('governor') ?? book?.governor?.address ?? null,
    content: query.get('content') ?? DEFAULT_CONTENT,
    fromBlock: Number(query.get('from') ?? book?.block ?? 0),
  };
}
